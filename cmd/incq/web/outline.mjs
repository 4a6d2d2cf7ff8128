// Rewrites the map's assets in static/ from the npm packages: Leaflet's
// script and styles, and the country outlines around the South Caucasus
// from Natural Earth's 1:50m countries (world-atlas), as GeoJSON, so that
// the map needs no tiles from the network. Run: npm install && node outline.mjs
import { readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { feature } from "topojson-client";

const nm = "node_modules/";
copyFileSync(nm + "leaflet/dist/leaflet.js", "static/leaflet.js");
copyFileSync(nm + "leaflet/dist/leaflet.css", "static/leaflet.css");
copyFileSync(nm + "leaflet/LICENSE", "static/LICENSE.leaflet.txt");
copyFileSync(nm + "world-atlas/LICENSE", "static/LICENSE.world-atlas.txt");

const topo = JSON.parse(readFileSync(nm + "world-atlas/countries-50m.json", "utf8"));
const all = feature(topo, topo.objects.countries).features;
// The region the incidents lie in, with a margin: lon 34-56, lat 33-49.
const box = [34, 33, 56, 49];
const round = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 1000) / 1000, Math.round(c[1] * 1000) / 1000] : c.map(round));
function inBox(c) {
  if (typeof c[0] === "number") return c[0] >= box[0] && c[0] <= box[2] && c[1] >= box[1] && c[1] <= box[3];
  return c.some(inBox);
}
const near = all
  .filter((f) => f.geometry && inBox(f.geometry.coordinates))
  .map((f) => ({ type: "Feature", properties: { name: f.properties.name }, geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) } }))
  .sort((a, b) => a.properties.name.localeCompare(b.properties.name));
writeFileSync("static/countries.json", JSON.stringify({ type: "FeatureCollection", features: near }) + "\n");
console.log(`static/countries.json: ${near.map((f) => f.properties.name).join(", ")}`);
