/* 覆盖率与规范服务率: two bars per region against the year's targets (dashed lines), drawn by
   the vendored Apache ECharts from the page's data-chart attribute (the CSP allows no inline
   script). */
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("coverage-chart");
  if (!box || !window.echarts) { return; }
  var data = JSON.parse(box.getAttribute("data-chart"));
  var chart = window.echarts.init(box, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    color: ["#1d5fa8", "#2e7d32"],
    tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v + "%"; } },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 48 },
    xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 8 ? 30 : 0 } },
    yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    series: data.series.map(function (s) {
      var line = s.target == null ? undefined : {
        symbol: "none", lineStyle: { type: "dashed" },
        label: { formatter: s.target_name + " {c}%", position: "insideEndTop" },
        data: [{ yAxis: s.target }]
      };
      return { name: s.name, type: "bar", data: s.data, markLine: line };
    })
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
