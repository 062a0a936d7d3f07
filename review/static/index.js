// The corpus at a glance: headline indicators by region and period, facts per
// indicator, and a filter over the reports. Data inlined by `keji review`; plotly.js
// is the copy bundled beside this file.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["lasso2d", "select2d"] };
  var font = { family: "Noto Sans CJK SC, WenQuanYi Zen Hei, PingFang SC, Microsoft YaHei, system-ui, sans-serif", size: 13 };

  var logBox = document.getElementById("log-scale");

  function wantsLog(s) {
    var values = s.points.map(function (p) { return p.value; }).filter(function (v) { return v > 0; });
    if (values.length < 2) return false;
    return Math.max.apply(null, values) / Math.min.apply(null, values) > 100;
  }

  function headline(code, keepScale) {
    var s = data.series.find(function (x) { return x.code === code; });
    var div = document.getElementById("headline-chart");
    if (!s || !div) return;
    if (!keepScale && logBox) logBox.checked = wantsLog(s);
    var log = logBox && logBox.checked;
    var byRegion = {};
    s.points.forEach(function (p) {
      (byRegion[p.region_key] = byRegion[p.region_key] || { name: p.region, points: [] }).points.push(p);
    });
    var traces = Object.keys(byRegion).map(function (key) {
      var r = byRegion[key];
      return {
        type: "scatter", mode: "lines+markers", name: r.name,
        x: r.points.map(function (p) { return p.period; }),
        y: r.points.map(function (p) { return p.value; }),
        customdata: r.points.map(function (p) { return [p.text, p.phrase, p.url]; }),
        marker: { size: 10 },
        hovertemplate: "<b>" + r.name.replace(/</g, "&lt;") + "</b><br>%{x}: %{y:,.4~f} " + s.unit +
                       "<br>%{customdata[0]} · %{customdata[1]}<extra></extra>"
      };
    });
    var layout = {
      font: font, margin: { t: 48, r: 16, b: 64, l: 72 }, hovermode: "closest",
      title: { text: s.name_zh + " · " + s.name_en + (s.unit ? " (" + s.unit + ")" : ""), x: 0, xanchor: "left" },
      xaxis: { title: { text: "period" }, type: "category", categoryorder: "array", categoryarray: s.periods },
      yaxis: log ? { title: { text: (s.unit || s.base_unit) + " (log)" }, type: "log" }
                 : { title: { text: s.unit || s.base_unit }, rangemode: "tozero", separatethousands: true },
      legend: { orientation: "h", y: -0.25 },
      plot_bgcolor: "#fff", paper_bgcolor: "#fff"
    };
    Plotly.react(div, traces, layout, config);
    if (!div.dataset.bound) {
      div.on("plotly_click", function (ev) {
        var url = ev.points[0] && ev.points[0].customdata && ev.points[0].customdata[2];
        if (url) window.location.href = url;
      });
      div.dataset.bound = "1";
    }
  }

  function coverage() {
    var div = document.getElementById("coverage-chart");
    if (!div) return;
    var rows = data.coverage.slice().reverse();
    if (!rows.length) { div.textContent = "No fact is mapped to an indicator."; return; }
    div.style.height = Math.max(240, 22 * rows.length + 80) + "px";
    Plotly.newPlot(div, [{
      type: "bar", orientation: "h",
      y: rows.map(function (r) { return r.code; }),
      x: rows.map(function (r) { return r.facts; }),
      customdata: rows.map(function (r) { return r.reports; }),
      marker: { color: rows.map(function (r) { return r.headline ? "#2563eb" : "#94a3b8"; }) },
      hovertemplate: "%{y}: %{x} facts in %{customdata} reports<extra></extra>"
    }], {
      font: font, margin: { t: 16, r: 16, b: 40, l: 220 },
      xaxis: { title: { text: "facts (blue: headline indicators)" } },
      plot_bgcolor: "#fff", paper_bgcolor: "#fff"
    }, config);
  }

  var picker = document.getElementById("indicator-picker");
  if (picker) {
    picker.addEventListener("change", function () { headline(picker.value); });
    if (logBox) logBox.addEventListener("change", function () { headline(picker.value, true); });
    headline(picker.value);
  }
  coverage();

  // The reports: drawn from the inlined rows, at most REPORT_ROWS at a time, so that a
  // corpus of thousands of reports stays quick to open; the filter searches them all.
  var REPORT_ROWS = 500;
  var reports = JSON.parse(document.getElementById("reports-data").textContent);
  var tbody = document.querySelector("#report-table tbody");
  var counter = document.getElementById("report-count");

  function cell(text, cls) {
    var td = document.createElement("td");
    if (cls) td.className = cls;
    td.textContent = text;
    return td;
  }

  function drawReports(query) {
    var q = query.trim().toLowerCase();
    var rows = document.createDocumentFragment();
    var matched = 0;
    reports.forEach(function (r) {
      if (q && (r[1] + " " + r[2] + " " + r[3] + " " + r[5]).toLowerCase().indexOf(q) < 0) return;
      matched += 1;
      if (matched > REPORT_ROWS) return;
      var tr = document.createElement("tr");
      var file = cell("", "file");
      var link = document.createElement("a");
      link.href = r[0];
      link.textContent = r[1];
      file.appendChild(link);
      var region = cell(r[3]);
      if (r[4]) {
        var tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = "masked";
        region.append(" ", tag);
      }
      tr.append(file, cell(r[2], "title"), region, cell(r[5]), cell(r[6], "n"), cell(r[7], "n"),
                cell(r[8], "n"));
      rows.appendChild(tr);
    });
    tbody.replaceChildren(rows);
    counter.textContent = matched > REPORT_ROWS
      ? "showing " + REPORT_ROWS + " of " + matched + " matching; filter to narrow"
      : matched + " of " + reports.length;
  }

  var filter = document.getElementById("report-filter");
  filter.addEventListener("input", function () { drawReports(filter.value); });
  drawReports("");
})();
