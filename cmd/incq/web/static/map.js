// The incidents on a map: the points of /map.geojson (what incq export
// --geojson writes) over the country outlines in /static/countries.json,
// both served by incq itself. No tiles, nothing from the network.
"use strict";
(function () {
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var map = L.map(el, { attributionControl: true, zoomSnap: 0.25 });
  map.attributionControl.setPrefix('<a href="/static/LICENSE.leaflet.txt">Leaflet</a>');
  function get(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }
  function text(s) {
    var span = document.createElement("span");
    span.textContent = s == null ? "" : String(s);
    return span;
  }
  function losses(p) {
    var parts = [];
    [["am", "Armenia"], ["az", "Azerbaijan"]].forEach(function (side) {
      ["killed", "wounded", "captured", "missing"].forEach(function (k) {
        var n = p[side[0] + "_" + k];
        if (n) parts.push(side[1] + " " + k + " " + n);
      });
    });
    if (p.others) parts.push(p.others);
    return parts.join("; ");
  }
  function card(p) {
    var div = document.createElement("div");
    var a = document.createElement("a");
    a.href = "/incident/" + encodeURIComponent(p.id);
    a.textContent = p.id;
    div.appendChild(a);
    div.appendChild(text(" " + p.date + " (" + p.date_precision + "), " + (p.place || "")));
    var l = losses(p);
    if (l) {
      div.appendChild(document.createElement("br"));
      div.appendChild(text("Counted losses: " + l));
    }
    div.appendChild(document.createElement("br"));
    div.appendChild(text(p.summary));
    return div;
  }
  Promise.all([get(el.dataset.land), get(el.dataset.points)]).then(function (res) {
    L.geoJSON(res[0], {
      style: { color: "#6b7a8a", weight: 1, fillColor: "#f3efe4", fillOpacity: 1 },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name, { sticky: true }); }
    }).addTo(map);
    map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
    var list = document.getElementById("map-list");
    var points = L.geoJSON(res[1], {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: 8, color: "#8a1c1c", weight: 2, fillColor: "#d64545", fillOpacity: 0.8, className: "incident-marker" });
      },
      onEachFeature: function (f, layer) {
        layer.bindPopup(card(f.properties));
        if (list) {
          var li = document.createElement("li");
          li.appendChild(card(f.properties));
          list.appendChild(li);
        }
      }
    }).addTo(map);
    var b = points.getBounds();
    if (b.isValid()) map.fitBounds(b.pad(0.6), { maxZoom: 8 });
    else map.setView([40.2, 45.5], 7);
    el.dataset.markers = String(res[1].features.length);
  }).catch(function (err) {
    el.textContent = "The map could not load: " + err.message;
  });
})();
