// Charts: every element with data-spec gets the Vega-Lite spec from the JSON script it names.
// Article page: the fact named in ?fact= (or #fragment) is scrolled to and outlined, and
// hovering a fact in the list lights up its sentence.
(function () {
  "use strict";

  function drawCharts() {
    if (typeof vegaEmbed !== "function") return;
    document.querySelectorAll("[data-spec]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-spec"));
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      var options = (spec.usermeta && spec.usermeta.embedOptions) || {};
      vegaEmbed(el, spec, options).then(function () {
        el.setAttribute("data-rendered", "true");
      }).catch(function (err) {
        el.textContent = "Không vẽ được biểu đồ: " + err;
        el.setAttribute("data-rendered", "error");
      });
    });
  }

  function marksOf(key) {
    return document.querySelectorAll('mark.ev[data-facts~="' + key + '"]');
  }

  function focusFact(key, scroll) {
    if (!key || !/^fact-[a-z_]+-\d+$/.test(key)) return;
    document.querySelectorAll("mark.ev.focus").forEach(function (m) { m.classList.remove("focus"); });
    document.querySelectorAll(".fact.current").forEach(function (li) { li.classList.remove("current"); });
    var marks = marksOf(key);
    marks.forEach(function (m) { m.classList.add("focus"); });
    var item = document.querySelector('.fact[data-fact="' + key + '"]');
    if (item) item.classList.add("current");
    if (scroll && marks.length) marks[0].scrollIntoView({block: "center"});
  }

  function articlePage() {
    var article = document.getElementById("article");
    if (!article) return;
    var key = article.getAttribute("data-focus") || (location.hash || "").slice(1);
    focusFact(key, true);
    document.querySelectorAll(".fact").forEach(function (li) {
      var k = li.getAttribute("data-fact");
      li.addEventListener("mouseenter", function () {
        marksOf(k).forEach(function (m) { m.classList.add("hover"); });
      });
      li.addEventListener("mouseleave", function () {
        marksOf(k).forEach(function (m) { m.classList.remove("hover"); });
      });
      li.querySelector("a.goto").addEventListener("click", function (ev) {
        ev.preventDefault();
        history.replaceState(null, "", "#" + k);
        focusFact(k, true);
      });
    });
    document.querySelectorAll("mark.ev").forEach(function (m) {
      m.addEventListener("click", function () {
        var first = m.getAttribute("data-facts").split(" ")[0];
        focusFact(first, false);
        var item = document.querySelector('.fact[data-fact="' + first + '"]');
        if (item) item.scrollIntoView({block: "nearest"});
      });
    });
  }

  // Filters submit themselves when a choice changes (the button stays for keyboards).
  function autoSubmit() {
    document.querySelectorAll("form.filters select").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts();
    articlePage();
    autoSubmit();
  });
})();
