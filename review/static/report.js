// One report: hover a highlighted quantity for its reading, click it (or its row) for
// the evidence. The facts are inlined as JSON by `keji review`; text is set with
// textContent only, so nothing from a report is ever parsed as HTML.
(function () {
  "use strict";
  var facts = JSON.parse(document.getElementById("facts-data").textContent);
  var detail = document.getElementById("detail");
  var tip = document.getElementById("tip");
  var marks = {};
  var rows = {};
  document.querySelectorAll("mark.fact[data-i]").forEach(function (m) { marks[m.dataset.i] = m; });
  document.querySelectorAll("#fact-table tr[data-i]").forEach(function (r) { rows[r.dataset.i] = r; });

  var KIND = { headline: "headline indicator", mapped: "indicator", unmapped: "unmapped" };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fields(f) {
    var indicator = f.code === "unmapped" ? "unmapped" : f.code + (f.name_zh ? " · " + f.name_zh : "");
    var list = [
      ["indicator", indicator],
      ["value", f.value + (f.base ? "  (" + f.base + ")" : "")],
      ["as written", f.text + (f.raw ? "  → " + f.raw : "")],
      ["measure", f.measure],
      ["fact type", f.fact_type],
      ["bound", f.bound],
      ["period", f.period],
      ["part of a total", f.part ? "yes" : "no"]
    ];
    if (f.headline !== null && f.headline !== undefined) list.push(["headline figure", f.headline ? "yes" : "no"]);
    return list;
  }

  function table(list) {
    var dl = el("dl", "kv");
    list.forEach(function (pair) {
      dl.appendChild(el("dt", "", pair[0]));
      dl.appendChild(el("dd", "", pair[1]));
    });
    return dl;
  }

  function showDetail(f) {
    var box = el("div", "card-detail k-" + f.kind);
    box.appendChild(el("div", "kind", KIND[f.kind] || f.kind));
    box.appendChild(el("div", "value", f.text));
    box.appendChild(table(fields(f)));
    box.appendChild(el("h3", "", "phrase"));
    box.appendChild(el("p", "phrase", f.phrase || "—"));
    box.appendChild(el("h3", "", "sentence"));
    box.appendChild(el("blockquote", "", f.quote));
    if (f.cues) {
      box.appendChild(el("h3", "", "cues"));
      box.appendChild(el("p", "cues", f.cues));
    }
    var where = "characters " + f.span[0] + "–" + f.span[1] + " of the clean text";
    if (f.overlaps) where += " (overlaps another quantity: not highlighted)";
    box.appendChild(el("p", "muted", where));
    detail.replaceChildren(box);
  }

  function select(i, scroll) {
    var f = facts[i];
    if (!f) return;
    document.querySelectorAll(".selected").forEach(function (n) { n.classList.remove("selected"); });
    if (marks[i]) {
      marks[i].classList.add("selected");
      if (scroll) marks[i].scrollIntoView({ block: "center" });
    }
    if (rows[i]) rows[i].classList.add("selected");
    showDetail(f);
    if (history.replaceState) history.replaceState(null, "", "#" + f.key);
  }

  function showTip(mark) {
    var f = facts[mark.dataset.i];
    tip.replaceChildren(el("strong", "", f.code === "unmapped" ? "unmapped" : f.code),
                        el("span", "", " " + f.value),
                        el("div", "muted", [f.measure, f.fact_type, f.bound, f.period].join(" · ") +
                                           (f.part ? " · part" : "")));
    var box = mark.getBoundingClientRect();
    tip.hidden = false;
    tip.style.left = Math.max(8, Math.min(window.innerWidth - tip.offsetWidth - 8,
                                          box.left + window.scrollX)) + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  Object.keys(marks).forEach(function (i) {
    var m = marks[i];
    m.addEventListener("mouseenter", function () { showTip(m); });
    m.addEventListener("mouseleave", function () { tip.hidden = true; });
    m.addEventListener("focus", function () { showTip(m); });
    m.addEventListener("blur", function () { tip.hidden = true; });
    m.addEventListener("click", function () { select(i, false); });
    m.addEventListener("keydown", function (e) { if (e.key === "Enter") select(i, false); });
  });
  Object.keys(rows).forEach(function (i) {
    rows[i].addEventListener("click", function () { select(i, true); });
    rows[i].addEventListener("keydown", function (e) { if (e.key === "Enter") select(i, true); });
  });

  var wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted) {
    facts.forEach(function (f, i) { if (f.key === wanted) select(i, true); });
  }
})();
