package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/incq/incq/internal/heavy"
)

// chromium finds the system's Chromium, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-headless-shell", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	for _, p := range []string{"/usr/lib/chromium/chromium", "/usr/lib/chromium/chrome-headless-shell"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// In a real browser: the home page, a query's form followed and run, a
// figure's source clicked through to its paragraph, the map's markers
// counted. INCQ_UPDATE_SCREENSHOTS=1 writes the screenshots to docs/.
func TestServeBrowser(t *testing.T) {
	heavy.Test(t, "drives headless Chromium through the web pages")
	exe := chromium()
	if exe == "" {
		t.Skip("no Chromium: apt-get install -y chromium (or chromium-headless-shell)")
	}
	_, ts := testServer(t, nil)
	shots := t.TempDir()
	if os.Getenv("INCQ_UPDATE_SCREENSHOTS") != "" {
		shots = "../../docs"
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	location := func() string {
		t.Helper()
		u, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()) // the window: a PNG
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Home, then the query's form: since 2023-01-01, run.
	do("home", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(`a[href="/query/casualties-by-side"]`))
	shot("serve-home.png")
	do("query form",
		chromedp.Click(`a[href="/query/casualties-by-side"]`),
		chromedp.WaitVisible(`input[name="since"]`),
		chromedp.SetValue(`input[name="since"]`, "2023-01-01"),
		chromedp.Click(`form.params button`),
		chromedp.WaitVisible(`a[href="/query/casualty-evidence?since=2023-01-01"]`))
	if url, killed := location(), text(`table tbody tr:first-child td:nth-child(4)`); !strings.Contains(url, "since=2023-01-01") || strings.TrimSpace(killed) != "2" {
		t.Errorf("after the form: %s, armenia killed %q; want since=2023-01-01 and 2", url, killed)
	}

	// An incident's figure, clicked through to its paragraph.
	do("incident", chromedp.Navigate(ts.URL+"/incident/I08"), chromedp.WaitVisible(`h1`))
	shot("serve-incident.png")
	do("figure to paragraph", chromedp.Click(`section:nth-of-type(3) a[href="/source/S004#p3"]`), chromedp.WaitVisible(`#p3`))
	target, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(":target") ? document.querySelector(":target").id : ""`))
	if err != nil {
		t.Fatal(err)
	}
	if url, para := location(), text(`#p3`); !strings.HasSuffix(url, "/source/S004#p3") || target != "p3" || !strings.Contains(para, "C038") {
		t.Errorf("clicked through to %s, target %q, paragraph %q", url, target, para)
	}

	// The map: one marker per incident with coordinates.
	do("map", chromedp.Navigate(ts.URL+"/map"), chromedp.WaitVisible(`#map[data-markers]`), chromedp.Sleep(300*time.Millisecond))
	markers, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("path.incident-marker").length`))
	if err != nil {
		t.Fatal(err)
	}
	shot("serve-map.png")
	if markers != 8 {
		t.Errorf("the map has %d markers, want 8 (the incidents with coordinates)", markers)
	}
}
