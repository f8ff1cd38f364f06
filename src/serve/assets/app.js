// nianbao serve: the page behaviour (no build step, no inline script; the CSP allows only files
// served by nianbao). Two jobs: the provenance popup of a figure cell, and drawing the charts
// described in data-chart attributes with ECharts. Document text is only ever set as textContent.
(function () {
  "use strict";

  var zh = document.documentElement.lang.indexOf("zh") === 0;
  var WORDS = zh
    ? {
        code: "指标代码",
        value: "数值",
        raw: "原文",
        loc: "位置",
        hash: "文件 SHA-256",
        how: "如何得知",
        holds: "成立的勾稽关系",
        fails: "不成立的勾稽关系",
        unchecked: "无法核对的勾稽关系",
        prose: "正文",
        ocr: "OCR",
        other: "其他",
        derived: "推导方式",
        asPrinted: "按印刷数字读取",
        prev: "上一年度",
        missing: "缺失原因",
        findings: "检查结果",
      }
    : {
        code: "Metric",
        value: "Value",
        raw: "Printed text",
        loc: "Location",
        hash: "Document SHA-256",
        how: "How it is known",
        holds: "Identities that hold",
        fails: "Identities that fail",
        unchecked: "Identities not checkable",
        prose: "Prose",
        ocr: "OCR",
        other: "Other",
        derived: "Derived",
        asPrinted: "read as printed",
        prev: "Previous year",
        missing: "Why missing",
        findings: "Findings",
      };

  // --- provenance popup --------------------------------------------------------------------
  var popup = document.getElementById("popup");
  var popupBody = popup && popup.querySelector(".popup-body");
  var meta = document.getElementById("report-meta");
  var current = null;

  function row(list, term, text) {
    if (text === undefined || text === null || text === "") return;
    var dt = document.createElement("dt");
    dt.textContent = term;
    var dd = document.createElement("dd");
    dd.textContent = text;
    list.appendChild(dt);
    list.appendChild(dd);
  }

  function hidePopup() {
    if (!popup) return;
    popup.hidden = true;
    if (current) current.classList.remove("active");
    current = null;
  }

  function showPopup(cell) {
    if (!popup || !popupBody) return;
    if (current) current.classList.remove("active");
    current = cell;
    cell.classList.add("active");
    var d = cell.dataset;
    popupBody.textContent = "";
    var title = document.createElement("h3");
    title.textContent = d.label || d.code;
    popupBody.appendChild(title);
    var list = document.createElement("dl");
    list.className = "prov";
    row(list, WORDS.code, d.code);
    if (d.missing !== undefined) {
      row(list, WORDS.missing, d.missing);
    } else {
      row(list, WORDS.value, d.value + (d.unit ? " " + d.unit : ""));
      row(list, WORDS.raw, d.raw);
      row(list, WORDS.loc, d.loc);
      row(list, WORDS.hash, meta ? meta.dataset.sha256 : "");
      row(list, WORDS.how, d.known);
      row(list, WORDS.holds, d.holds);
      row(list, WORDS.fails, d.fails);
      row(list, WORDS.unchecked, d.unchecked);
      row(list, WORDS.prose, d.prose);
      row(list, WORDS.ocr, d.ocr);
      row(list, WORDS.other, d.how);
      row(list, WORDS.derived, d.derived || WORDS.asPrinted);
    }
    row(list, WORDS.prev, d.prev);
    row(list, WORDS.findings, d.findings);
    popupBody.appendChild(list);
    popup.hidden = false;
    var rect = cell.getBoundingClientRect();
    if (window.innerWidth > 640) {
      var left = Math.min(
        window.scrollX + rect.left,
        window.scrollX + window.innerWidth - popup.offsetWidth - 12,
      );
      popup.style.left = Math.max(8, left) + "px";
      popup.style.top = window.scrollY + rect.bottom + 6 + "px";
    } else {
      popup.style.left = "";
      popup.style.top = "";
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest(".popup-close")) return hidePopup();
    var cell = target.closest("td.fig");
    if (cell) return showPopup(cell);
    if (!target.closest("#popup")) hidePopup();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") return hidePopup();
    var cell = event.target instanceof Element && event.target.closest("td.fig");
    if (cell && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      showPopup(cell);
    }
  });

  // --- filters ------------------------------------------------------------------------------
  // Choosing a province reloads the form so its cities can be offered (the lists are server-made).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.dataset.autosubmit && target.form) {
      var city = target.form.querySelector('select[name="city"]');
      if (city) city.value = "";
      target.form.submit();
    }
  });

  // --- charts --------------------------------------------------------------------------------
  function formatter(percent) {
    return function (value) {
      if (value === null || value === undefined || value === "-") return "—";
      return percent ? (value * 100).toFixed(1) + "%" : Number(value).toLocaleString();
    };
  }

  function drawChart(el) {
    var spec;
    try {
      spec = JSON.parse(el.dataset.chart);
    } catch {
      return;
    }
    var fmt = formatter(spec.percent);
    var categoryAxis = { type: "category", data: spec.categories, axisLabel: { hideOverlap: true } };
    var valueAxis = { type: "value", axisLabel: { formatter: fmt } };
    if (spec.horizontal) {
      // One bar every ~26 px, whatever the number of bodies ranked.
      el.style.height = Math.max(160, spec.categories.length * 26 + 70) + "px";
      categoryAxis.inverse = true;
      categoryAxis.axisLabel.width = 140;
      categoryAxis.axisLabel.overflow = "truncate";
    }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      title: { text: spec.title, left: 0, textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis", valueFormatter: fmt },
      legend: spec.series.length > 1 ? { bottom: 0, type: "scroll" } : undefined,
      grid: {
        left: spec.horizontal ? 150 : 48,
        right: 16,
        top: 48,
        bottom: spec.series.length > 1 ? 36 : 24,
      },
      xAxis: spec.horizontal ? valueAxis : categoryAxis,
      yAxis: spec.horizontal ? categoryAxis : valueAxis,
      series: spec.series.map(function (s) {
        return {
          name: s.name,
          type: spec.type,
          data: s.data,
          connectNulls: false,
          showSymbol: true,
        };
      }),
    });
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function drawCharts() {
    var charts = document.querySelectorAll("[data-chart]");
    if (!charts.length || !window.echarts) return;
    for (var i = 0; i < charts.length; i++) drawChart(charts[i]);
    document.documentElement.dataset.chartsReady = "1";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawCharts);
  else drawCharts();
})();
