
(function () {
  "use strict";
  function init(root) {
    if (root.hasAttribute("data-dd-ready")) { return; }
    root.setAttribute("data-dd-ready", "");
    var page = root.hasAttribute("data-page");
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var pos = root.querySelector(".dd-pos");
    var current = null;
    function shown(el) { return el.getClientRects().length > 0; }
    function byId(id) {
      var el = document.getElementById(id);
      return el && root.contains(el) ? el : null;
    }
    function changes() {
      return Array.prototype.filter.call(root.querySelectorAll(".dd-row.dd-chg"), shown);
    }
    function reveal(el) {
      var d = el.closest("details");
      while (d) {
        d.open = true;
        d = d.parentElement ? d.parentElement.closest("details") : null;
      }
      if (!shown(el)) {
        var all = root.querySelector(".dd-f-all");
        if (all) { all.checked = true; }
      }
    }
    function mark(row) {
      if (current) { current.classList.remove("dd-current"); }
      current = row;
      row.classList.add("dd-current");
      var on = root.querySelectorAll(".dd-map .dd-on");
      for (var i = 0; i < on.length; i++) { on[i].classList.remove("dd-on"); }
      var r = row.getAttribute("data-r");
      if (r) {
        var hits = root.querySelectorAll('.dd-map [data-m="' + r + '"]');
        for (var j = 0; j < hits.length; j++) { hits[j].classList.add("dd-on"); }
      }
      if (pos) {
        var list = changes(), k = list.indexOf(row);
        pos.textContent = k >= 0 ? "change " + (k + 1) + " of " + list.length : "";
      }
    }
    function go(el, flash) {
      reveal(el);
      var row = el.closest(".dd-row") || el;
      mark(row);
      row.focus({ preventScroll: true });
      var target = el === row || row.offsetHeight < window.innerHeight * 0.6 ? row : el;
      target.scrollIntoView({ block: target === row ? "start" : "center",
                              behavior: reduce ? "auto" : "smooth" });
      if (flash && el !== row) {
        el.classList.remove("dd-flash");
        void el.offsetWidth;
        el.classList.add("dd-flash");
      }
    }
    function step(dir) {
      var list = changes();
      if (!list.length) { return; }
      var k = -1, i;
      if (current && shown(current)) {
        for (i = 0; i < list.length; i++) {
          var rel = current.compareDocumentPosition(list[i]);
          if (dir > 0 && (rel & Node.DOCUMENT_POSITION_FOLLOWING)) { k = i; break; }
          if (dir < 0 && (rel & Node.DOCUMENT_POSITION_PRECEDING)) { k = i; }
        }
      } else {
        var head = root.querySelector(".dd-colhead");
        var top = head ? head.getBoundingClientRect().bottom + 2 : 0;
        for (i = 0; i < list.length; i++) {
          var y = list[i].getBoundingClientRect().top;
          if (dir > 0 && y >= top) { k = i; break; }
          if (dir < 0 && y < top) { k = i; }
        }
      }
      if (k < 0) { k = dir > 0 ? list.length - 1 : 0; }
      go(list[k], false);
    }
    root.addEventListener("click", function (ev) {
      var t = ev.target;
      var a = t && t.closest ? t.closest("a[href^='#']") : null;
      if (!a || !root.contains(a)) { return; }
      var el = byId(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (!el) { return; }
      ev.preventDefault();
      go(el, true);
    });
    var prev = root.querySelector(".dd-prev"), next = root.querySelector(".dd-next");
    if (prev) { prev.addEventListener("click", function () { step(-1); }); }
    if (next) { next.addEventListener("click", function () { step(1); }); }
    (page ? document : root).addEventListener("keydown", function (ev) {
      if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      var t = ev.target;
      if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
                (t.tagName === "INPUT" && t.type !== "radio"))) { return; }
      if (ev.key === "j" || ev.key === "n") { step(1); }
      else if (ev.key === "k" || ev.key === "p") { step(-1); }
      else { return; }
      ev.preventDefault();
      if (!page) { ev.stopPropagation(); }
    });
    var closed = [];
    window.addEventListener("beforeprint", function () {
      closed = Array.prototype.filter.call(root.querySelectorAll("details"), function (d) {
        return !d.open;
      });
      closed.forEach(function (d) { d.open = true; });
    });
    window.addEventListener("afterprint", function () {
      closed.forEach(function (d) { d.open = false; });
      closed = [];
    });
    if (page && location.hash.length > 1) {
      var start = byId(decodeURIComponent(location.hash.slice(1)));
      if (start) { go(start, true); }
    }
  }
  var roots = document.querySelectorAll(".declarediff");
  for (var i = 0; i < roots.length; i++) { init(roots[i]); }
})();
