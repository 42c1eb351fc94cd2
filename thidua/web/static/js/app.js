// Charts: every element with data-spec gets the Vega-Lite spec from the JSON script it names.
// Article page: the fact named in ?fact= (or #fragment) is scrolled to and outlined, and
// hovering a fact in the list lights up its sentence.
(function () {
  "use strict";

  // Under each chart, "Tải PNG" and "Tải SVG": the picture as drawn, from vega's view.
  function downloadLinks(el, view, name) {
    var box = document.createElement("p");
    box.className = "chart-actions no-print";
    [["png", "Tải PNG"], ["svg", "Tải SVG"]].forEach(function (kind) {
      var a = document.createElement("a");
      a.href = "#";
      a.textContent = kind[1];
      a.setAttribute("data-download", kind[0]);
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        view.toImageURL(kind[0], kind[0] === "png" ? 2 : 1).then(function (url) {
          var link = document.createElement("a");
          link.href = url;
          link.download = name + "." + kind[0];
          document.body.appendChild(link);
          link.click();
          link.remove();
        });
      });
      box.appendChild(a);
    });
    el.insertAdjacentElement("afterend", box);
  }

  function drawCharts() {
    if (typeof vegaEmbed !== "function") return;
    var narrow = window.matchMedia("(max-width: 760px)").matches;
    document.querySelectorAll("[data-spec]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-spec"));
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      var meta = spec.usermeta || {};
      var options = meta.embedOptions || {};
      // On a phone the legend takes one column, so long award names are not cut off.
      if (narrow && spec.encoding && spec.encoding.color && spec.encoding.color.legend) {
        spec.encoding.color.legend.columns = 1;
      }
      vegaEmbed(el, spec, options).then(function (result) {
        el.setAttribute("data-rendered", "true");
        downloadLinks(el, result.view, meta.filename || "bieu-do");
      }).catch(function (err) {
        el.textContent = "Không vẽ được biểu đồ: " + err;
        el.setAttribute("data-rendered", "error");
      });
    });
  }

  // "In trang này": the print stylesheet leaves the content; every source list is opened.
  function printing() {
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details").forEach(function (d) { d.setAttribute("open", ""); });
    });
  }

  function marksOf(key) {
    return document.querySelectorAll('mark.ev[data-facts~="' + key + '"]');
  }

  function focusFact(key, scroll) {
    if (!key || !/^fact-[a-z_]+-\d+$/.test(key)) return;
    document.querySelectorAll("mark.ev.focus, strong.words.focus").forEach(function (m) { m.classList.remove("focus"); });
    document.querySelectorAll(".fact.current").forEach(function (li) { li.classList.remove("current"); });
    var marks = marksOf(key);
    marks.forEach(function (m) { m.classList.add("focus"); });
    document.querySelectorAll('strong.words[data-words~="' + key + '"]').forEach(function (w) {
      w.classList.add("focus");
    });
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
    document.querySelectorAll("form.filters select:not([multiple])").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts();
    articlePage();
    autoSubmit();
    printing();
  });
})();
