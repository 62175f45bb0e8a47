// The dashboard: a Leaflet map of events, a stacked daily timeline by event type and a sortable table of the events,
// all re-queried from the API when a filter changes. The filters live in the page's URL (`?country=SOM&type=Battles`)
// so a view can be shared. ACLED's scope by default (the API's default); `?scope=all` adds the CAMEO-only events
// (statements, meetings, other acts), drawn as the type they are stored under. Offline: the basemap is the vendored
// world-atlas outline, not internet tiles.
(function () {
  "use strict";
  var COLORS = ["#d32f2f", "#1976d2", "#388e3c", "#f57c00", "#7b1fa2", "#0097a7", "#c2185b", "#5d4037",
                "#455a64", "#afb42b"];
  var form = document.getElementById("filters");
  var typeSelect = document.getElementById("event_type");
  var statusEl = document.getElementById("status");
  var WORLD = [15, 20], WORLD_ZOOM = 2;
  // The vendored outline is 1:110m: past zoom 5 a view is one flat fill, so fitting never zooms in further.
  var FIT_MAX_ZOOM = 5;
  var FILTERS = ["date_from", "date_to", "country", "event_type", "scope"];
  var URL_ALIASES = { type: "event_type", from: "date_from", to: "date_to" };
  var map = L.map("map", { worldCopyJump: true, preferCanvas: false }).setView(WORLD, WORLD_ZOOM);
  var markers = L.layerGroup().addTo(map);
  var typeColors = {};
  var refreshes = 0;
  var tableRows = [];
  var sortKey = "date", sortDir = -1;

  function colorOf(type) {
    if (!(type in typeColors)) { typeColors[type] = COLORS[Object.keys(typeColors).length % COLORS.length]; }
    return typeColors[type];
  }

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Filters named in the page's URL fill the form before the first query (a shared link shows the same view).
  function filtersFromUrl() {
    var q = new URLSearchParams(window.location.search);
    q.forEach(function (v, k) {
      var name = URL_ALIASES[k] || k;
      if (FILTERS.indexOf(name) < 0) { return; }
      if (name === "scope" && v !== "all") { return; }  // only ACLED's (the default) or all
      if (name === "event_type" && v && !Array.prototype.some.call(typeSelect.options, function (o) {
        return o.value === v;
      })) {
        var o = document.createElement("option"); o.value = v; o.textContent = v; typeSelect.appendChild(o);
      }
      form.elements[name].value = v;
    });
  }

  function filtersToUrl() {
    var q = params();
    window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : ""));
  }

  function params(extra) {
    var q = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (String(v).trim()) { q.set(k, String(v).trim()); } });
    Object.keys(extra || {}).forEach(function (k) { q.set(k, extra[k]); });
    return q.toString();
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (r.ok) { return r.json(); }
      return r.json().catch(function () { return {}; }).then(function (body) {
        // the API's reason ("date_from … is after date_to …", "unknown country …") beats a bare status
        var d = body.detail, why = typeof d === "string" ? d : d && d[0] && d[0].msg;
        throw new Error(why || url.split("?")[0] + ": HTTP " + r.status);
      });
    });
  }

  // world-atlas keeps polygons that cross 180° (Fiji, Chukotka) whole; Leaflet would draw them across the map.
  function withoutAntimeridianJumps(geom) {
    if (!geom) { return geom; }
    function ok(poly) {
      return poly.every(function (ring) {
        for (var i = 1; i < ring.length; i++) { if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { return false; } }
        return true;
      });
    }
    if (geom.type === "Polygon") { return ok(geom.coordinates) ? geom : { type: "MultiPolygon", coordinates: [] }; }
    if (geom.type === "MultiPolygon") { return { type: "MultiPolygon", coordinates: geom.coordinates.filter(ok) }; }
    return geom;
  }

  function drawBasemap() {
    return getJSON("static/vendor/countries-110m.json").then(function (world) {
      var land = topojson.feature(world, world.objects.countries);
      land.features.forEach(function (f) { f.geometry = withoutAntimeridianJumps(f.geometry); });
      L.geoJSON(land, { interactive: false, style: { color: "#90a4ae", weight: 0.6, fillColor: "#eceff1",
                                                     fillOpacity: 1, className: "land" } }).addTo(map);
    }).catch(function () { /* no outline: the points still render on the plain background */ });
  }

  function popup(p) {
    var actors = [p.actor1_name, p.actor2_name].filter(Boolean).map(esc).join(" vs ");
    var urls = p.source_urls || [];
    if (typeof urls === "string") { urls = urls.split(" ").filter(Boolean); }
    var links = urls.map(function (u) {
      var safe = /^https?:\/\//i.test(u) ? esc(u) : "#";
      return '<li><a href="' + safe + '" target="_blank" rel="noopener noreferrer">' + esc(u) + "</a></li>";
    }).join("");
    return '<div class="popup"><h3>' + esc(p.event_type) + " — " + esc(p.sub_event_type) + "</h3>" +
      "<div>" + esc(p.event_date) + (p.location_name ? " · " + esc(p.location_name) : "") + "</div>" +
      (actors ? "<div>" + actors + "</div>" : "") +
      "<div>Fatalities: " + esc(p.fatalities) + " · sources: " + esc(p.num_sources) + "</div>" +
      (links ? "<ul>" + links + "</ul>" : "") + "</div>";
  }

  function drawMarkers(fc) {
    markers.clearLayers();
    var pts = [];
    fc.features.forEach(function (f) {
      var c = f.geometry.coordinates, p = f.properties;
      var m = L.circleMarker([c[1], c[0]], {
        radius: Math.min(3 + 2 * Math.sqrt(p.fatalities || 0), 30), color: "#263238", weight: 1,
        fillColor: colorOf(p.event_type), fillOpacity: 0.75, className: "event-marker"
      }).bindPopup(popup(p));
      m.addTo(markers);
      pts.push([c[1], c[0]]);
    });
    if (!pts.length) {
      map.setView(WORLD, WORLD_ZOOM);
    } else {
      var bounds = L.latLngBounds(pts);
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.setView(bounds.getCenter(), FIT_MAX_ZOOM);  // all at one place: that place with its country around it
      } else {
        map.fitBounds(bounds, { padding: [30, 30], maxZoom: FIT_MAX_ZOOM });
      }
    }
    document.body.dataset.zoom = String(map.getZoom());
    return pts.length;
  }

  function svgEl(name, attrs) {
    var el = document.createElementNS("http://www.w3.org/2000/svg", name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }

  function drawTimeline(rows) {
    var box = document.getElementById("timeline"), legend = document.getElementById("legend");
    box.innerHTML = ""; legend.innerHTML = "";
    if (!rows.length) { box.textContent = "No events for these filters."; return; }
    var byDay = {}, types = [];
    rows.forEach(function (r) {
      (byDay[r.event_date] = byDay[r.event_date] || {});
      byDay[r.event_date][r.event_type] = (byDay[r.event_date][r.event_type] || 0) + r.events;
      if (types.indexOf(r.event_type) < 0) { types.push(r.event_type); }
    });
    types.sort();
    var days = [], d = new Date(rows[0].event_date + "T00:00:00Z"), end = new Date(rows[rows.length - 1].event_date + "T00:00:00Z");
    while (d <= end && days.length < 2000) { days.push(d.toISOString().slice(0, 10)); d.setUTCDate(d.getUTCDate() + 1); }
    var W = 600, H = 260, left = 30, bottom = 20, top = 10;
    var max = Math.max.apply(null, days.map(function (day) {
      var t = 0, v = byDay[day] || {}; Object.keys(v).forEach(function (k) { t += v[k]; }); return t;
    }));
    var bw = (W - left) / days.length, scale = (H - bottom - top) / max;
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none", role: "img" });
    svg.appendChild(svgEl("line", { x1: left, y1: H - bottom, x2: W, y2: H - bottom, stroke: "#999" }));
    var maxLabel = svgEl("text", { x: 2, y: top + 8, "class": "axis" }); maxLabel.textContent = String(max);
    svg.appendChild(maxLabel);
    types.forEach(function (type) {
      var g = svgEl("g", { "class": "series", "data-type": type, fill: colorOf(type) });
      svg.appendChild(g);
    });
    days.forEach(function (day, i) {
      var y = H - bottom, v = byDay[day] || {};
      types.forEach(function (type, j) {
        var n = v[type] || 0;
        if (!n) { return; }
        var h = n * scale; y -= h;
        var rect = svgEl("rect", { x: left + i * bw + 1, y: y, width: Math.max(bw - 2, 1), height: h,
                                   "class": "bar", "data-type": type, "data-date": day, "data-count": n });
        var tip = svgEl("title", {}); tip.textContent = day + " · " + type + ": " + n; rect.appendChild(tip);
        svg.querySelectorAll("g.series")[j].appendChild(rect);
      });
    });
    [days[0], days[days.length - 1]].forEach(function (day, k) {
      var t = svgEl("text", { x: k ? W - 60 : left, y: H - 5, "class": "axis" }); t.textContent = day; svg.appendChild(t);
    });
    box.appendChild(svg);
    types.forEach(function (type) {
      var s = document.createElement("span");
      s.innerHTML = '<i style="background:' + colorOf(type) + '"></i>' + esc(type);
      legend.appendChild(s);
    });
  }

  function fillTypes(rows) {
    var keep = typeSelect.value, seen = {};
    rows.forEach(function (r) { seen[r.event_type] = true; });
    Array.prototype.forEach.call(typeSelect.options, function (o) { if (o.value) { seen[o.value] = true; } });
    typeSelect.innerHTML = '<option value="">any</option>';
    Object.keys(seen).sort().forEach(function (t) {
      var o = document.createElement("option"); o.value = t; o.textContent = t; typeSelect.appendChild(o);
    });
    typeSelect.value = keep;
  }

  // The table's cells: what each column shows and the value it sorts by.
  var COLUMNS = {
    date: function (e) { return e.event_date; },
    type: function (e) { return e.event_type + " — " + e.sub_event_type; },
    actors: function (e) {
      return [e.actor1 && e.actor1.name, e.actor2 && e.actor2.name].filter(Boolean).join(" vs ");
    },
    place: function (e) {
      var l = e.location || {};
      return [l.name, l.country].filter(Boolean).join(", ");
    },
    fatalities: function (e) { return e.fatalities; },
    sources: function (e) { return e.num_sources; }
  };

  function sortedRows() {
    var value = COLUMNS[sortKey];
    return tableRows.slice().sort(function (a, b) {
      var x = value(a), y = value(b);
      var c = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
      return c * sortDir || (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0);
    });
  }

  function sourceLinks(e) {
    return esc(e.num_sources) + " · " + (e.sources || []).map(function (s) {
      var safe = /^https?:\/\//i.test(s.url) ? esc(s.url) : "#";
      return '<a href="' + safe + '" target="_blank" rel="noopener noreferrer">' + esc(s.source || s.url) + "</a>";
    }).join(", ");
  }

  function drawTable() {
    var body = document.querySelector("#event_table tbody");
    body.innerHTML = sortedRows().map(function (e) {
      return '<tr data-id="' + esc(e.event_id) + '"><td>' + esc(COLUMNS.date(e)) + "</td><td>" +
        esc(COLUMNS.type(e)) + "</td><td>" + esc(COLUMNS.actors(e)) + "</td><td>" + esc(COLUMNS.place(e)) +
        '</td><td class="num">' + esc(e.fatalities) + "</td><td>" + sourceLinks(e) + "</td></tr>";
    }).join("");
    document.querySelectorAll("#event_table th").forEach(function (th) {
      if (th.dataset.key === sortKey) { th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending"); }
      else { th.removeAttribute("aria-sort"); }
    });
  }

  function showTable(page) {
    tableRows = page.events;
    drawTable();
    document.getElementById("table_status").textContent = page.count < page.total
      ? page.count + " of " + page.total + " events (the CSV has them all)" : page.total + " events";
    document.getElementById("csv_download").href = "events.csv" + (params() ? "?" + params() : "");
  }

  document.querySelectorAll("#event_table th").forEach(function (th) {
    th.addEventListener("click", function () {
      if (sortKey === th.dataset.key) { sortDir = -sortDir; }
      else { sortKey = th.dataset.key; sortDir = sortKey === "date" || sortKey === "fatalities" ? -1 : 1; }
      drawTable();
    });
  });

  function showFreshness() {
    var el = document.getElementById("freshness");
    return getJSON("freshness").then(function (f) {
      var s = f.snapshot;
      el.textContent = s ? "Snapshot " + s.partition_date + " (" + s.age_hours + " h old)" : "No snapshot published";
      if (f.last_run) { el.textContent += " · last run " + f.last_run.status; }
      el.className = "freshness" + (f.stale ? " stale" : "");
    }).catch(function () { el.textContent = "freshness unknown"; });
  }

  function refresh() {
    statusEl.textContent = "Loading…";
    document.body.dataset.ready = "false";
    filtersToUrl();
    var typeless = new URLSearchParams(params()); typeless.delete("event_type");
    return Promise.all([
      getJSON("events.geojson?" + params({ limit: 1000 })),
      getJSON("daily_counts?" + params()),
      getJSON("daily_counts?" + typeless.toString()),
      getJSON("events?" + params({ limit: 1000 }))
    ]).then(function (res) {
      var n = drawMarkers(res[0]);
      drawTimeline(res[1]);
      fillTypes(res[2]);
      showTable(res[3]);
      statusEl.textContent = n + " events on the map" + (n >= 1000 ? " (first 1000)" : "");
      document.body.dataset.markers = String(n);
    }).catch(function (err) {
      statusEl.textContent = "Error: " + err.message;
      showTable({ events: [], count: 0, total: 0 });  // no stale rows, nor a download of another filter
    }).then(function () {
      refreshes += 1;
      document.body.dataset.refreshes = String(refreshes);
      document.body.dataset.ready = "true";
    });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); refresh(); });
  typeSelect.addEventListener("change", refresh);
  document.getElementById("scope").addEventListener("change", refresh);
  filtersFromUrl();
  drawBasemap().then(function () { showFreshness(); return refresh(); });
})();
