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

  var STATUS = { ok: '#2e7d32', uncertain: '#f9a825', deficit: '#c62828' };

  function pct(x) { return (100 * x).toFixed(1).replace('.', ',') + ' %'; }

  // Completion per task (share of the maximum points) with its 95 % interval, coloured by
  // status, and the level thresholds as dashed lines; the tooltip gives n and the interval.
  function completion(box, d) {
    var items = d.items;
    var chart = window.echarts.init(box);
    chart.setOption({
      animation: false,
      title: { text: d.caption, left: 'center', textStyle: { fontSize: 13, fontWeight: 'normal' } },
      grid: { left: 50, right: 110, top: 40, bottom: 40 },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var i = items[p.dataIndex];
          return i.label + ' (n = ' + d.n + '): ' + pct(i.value) + '<br>' + d.ci + ': ' + pct(i.low) + ' – ' + pct(i.high);
        },
      },
      xAxis: { type: 'category', data: items.map(function (i) { return i.label; }) },
      yAxis: { type: 'value', min: 0, max: 100, name: d.y_label },
      series: [
        {
          type: 'bar',
          data: items.map(function (i) { return { value: 100 * i.value, itemStyle: { color: STATUS[i.status] || '#555' } }; }),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#333' },
            label: { position: 'end', formatter: '{b}' },
            data: d.thresholds.map(function (t) { return { yAxis: 100 * t.value, name: t.label }; }),
          },
        },
        {
          type: 'custom',
          silent: true,
          data: items.map(function (i, k) { return [k, 100 * i.low, 100 * i.high]; }),
          renderItem: function (params, api) {
            var lo = api.coord([api.value(0), api.value(1)]);
            var hi = api.coord([api.value(0), api.value(2)]);
            var w = api.size([1, 0])[0] * 0.15;
            var style = { stroke: '#333', lineWidth: 1 };
            return {
              type: 'group',
              children: [
                { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: style },
                { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style: style },
                { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style: style },
              ],
            };
          },
        },
      ],
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  // Pupils per primary score with the mark boundaries (the first score of each mark) as lines.
  function histogram(box, d) {
    var chart = window.echarts.init(box);
    chart.setOption({
      animation: false,
      title: { text: d.caption, left: 'center', textStyle: { fontSize: 13, fontWeight: 'normal' } },
      grid: { left: 50, right: 30, top: 50, bottom: 50 },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var i = d.items[p.dataIndex];
          return d.x_label + ' ' + i.score + ': ' + i.count + ' (n = ' + d.n + ')';
        },
      },
      xAxis: { type: 'category', name: d.x_label, nameLocation: 'middle', nameGap: 28, data: d.items.map(function (i) { return String(i.score); }) },
      yAxis: { type: 'value', name: d.y_label, minInterval: 1 },
      series: [
        {
          type: 'bar',
          barCategoryGap: '10%',
          itemStyle: { color: '#1f77b4' },
          data: d.items.map(function (i) { return i.count; }),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#c62828' },
            label: { position: 'end', formatter: '{b}' },
            // A boundary sits between the last score of the lower mark and its own score.
            data: d.boundaries.map(function (b) { return { xAxis: b.score - 0.5, name: b.label }; }),
          },
        },
      ],
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  var KINDS = { intervals: intervals, completion: completion, histogram: histogram };
  var HEIGHT = {
    intervals: function (d) { return Math.max(160, 40 * d.items.length + 70); },
    completion: function () { return 320; },
    histogram: function () { return 320; },
  };

  function draw() {
    if (!window.echarts) return;
    document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (el) {
      var kind = KINDS[el.getAttribute('data-chart')];
      if (!kind) return;
      var d = JSON.parse(el.textContent);
      if (!d.items || d.items.length === 0) return;
      var name = el.getAttribute('data-chart');
      var box = document.createElement('div');
      box.className = 'echart';
      box.setAttribute('data-chart-box', name);
      box.style.height = HEIGHT[name](d) + 'px';
      el.insertAdjacentElement('afterend', box);
      kind(box, d);
      // The interactive chart takes the place of the server-drawn SVG of the same data.
      var replaced = el.getAttribute('data-replaces');
      if (replaced && document.getElementById(replaced)) document.getElementById(replaced).hidden = true;
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
