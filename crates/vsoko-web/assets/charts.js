// Interactive charts over the server-rendered tables (progressive enhancement): each
// <script type="application/json" data-chart="KIND"> holds the data the table beside it
// shows; when ECharts is loaded, a chart is drawn in a box inserted after it. Without
// JavaScript the table (and any server-side SVG) stays the whole view.
(function () {
  'use strict';

  var COLOURS = { above: '#2e7d32', below: '#c62828', 'as-school': '#546e7a', 'too-few': '#9e9e9e' };

  // Effects with their 95 % intervals, one row per group, a line at 0 (the school).
  function intervals(box, d) {
    var items = d.items;
    var chart = window.echarts.init(box);
    chart.setOption({
      animation: false,
      grid: { left: 160, right: 30, top: 20, bottom: 40 },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var i = items[p.dataIndex];
          return i.label + ' (n = ' + i.n + ')<br>' + d.effect + ': ' + i.text + '<br>' + d.ci + ': ' + i.ci_text + '<br>' + i.verdict;
        },
      },
      xAxis: { type: 'value', name: d.x_label, nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', inverse: true, data: items.map(function (i) { return i.label + ' (n = ' + i.n + ')'; }) },
      series: [
        {
          type: 'custom',
          silent: true,
          encode: { x: [1, 2], y: 0 },
          data: items.map(function (i, k) { return [k, i.low, i.high]; }),
          renderItem: function (params, api) {
            var lo = api.coord([api.value(1), api.value(0)]);
            var hi = api.coord([api.value(2), api.value(0)]);
            var h = api.size([0, 1])[1] * 0.3;
            var colour = COLOURS[items[params.dataIndex].verdict_code] || '#555';
            var style = { stroke: colour, lineWidth: 2 };
            return {
              type: 'group',
              children: [
                { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: style },
                { type: 'line', shape: { x1: lo[0], y1: lo[1] - h / 2, x2: lo[0], y2: lo[1] + h / 2 }, style: style },
                { type: 'line', shape: { x1: hi[0], y1: hi[1] - h / 2, x2: hi[0], y2: hi[1] + h / 2 }, style: style },
              ],
            };
          },
        },
        {
          type: 'scatter',
          symbolSize: 10,
          data: items.map(function (i, k) {
            return { value: [i.effect, k], itemStyle: { color: COLOURS[i.verdict_code] || '#555' } };
          }),
          markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#333' }, data: [{ xAxis: 0 }] },
        },
      ],
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  var KINDS = { intervals: intervals };

  function draw() {
    if (!window.echarts) return;
    document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (el) {
      var kind = KINDS[el.getAttribute('data-chart')];
      if (!kind) return;
      var d = JSON.parse(el.textContent);
      if (!d.items || d.items.length === 0) return;
      var box = document.createElement('div');
      box.className = 'echart';
      box.style.height = Math.max(160, 40 * d.items.length + 70) + 'px';
      el.insertAdjacentElement('afterend', box);
      kind(box, d);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
