/* Renders every figure from the inline JSON with ECharts, then records a self-check in #report-status. */
(function () {
  'use strict';
  var PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f',
    '#393b79', '#aec7e8'];
  var TWO_COLOURS = ['#2166ac', '#f7f7f7', '#b2182b'];
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = {};

  /** Tick label: plain for moderate magnitudes, 1e-7 style otherwise. */
  function tick(v) {
    var a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(0).replace('e+', 'e') : String(+v.toPrecision(4));
  }

  function axis(a, nameGap) {
    return {
      type: a.log ? 'log' : 'value', name: a.label, nameLocation: 'middle', nameGap: nameGap,
      scale: !a.log, axisLine: { show: true }, splitLine: { lineStyle: { color: '#eee' } },
      axisLabel: { formatter: tick }
    };
  }

  /** Same fading of the far side as the PNG (Projection.opacity). */
  function opacity(nearness) { return 0.2 + 0.8 * nearness; }

  /** A shaded polygon between lower and upper, drawn once (for data item 0). */
  function band(s, color) {
    var lower = s.data.map(function (r) { return [r[0], r[2]]; });
    var upper = s.data.map(function (r) { return [r[0], r[3]]; });
    return {
      type: 'custom', name: s.name, silent: true, clip: true, z: 1,
      data: lower.concat(upper), encode: { x: 0, y: 1 }, tooltip: { show: false },
      renderItem: function (params, api) {
        if (params.dataIndex !== 0) return null;
        var pts = lower.map(function (p) { return api.coord(p); })
          .concat(upper.slice().reverse().map(function (p) { return api.coord(p); }));
        return { type: 'polygon', shape: { points: pts }, style: { fill: color, opacity: 0.2 } };
      }
    };
  }

  function plotOption(f) {
    var series = [];
    f.series.forEach(function (s, i) {
      var color = PALETTE[i % PALETTE.length];
      if (s.type === 'scatter') {
        series.push({ type: 'scatter', name: s.name, data: s.data, symbolSize: 6, itemStyle: { color: color } });
        return;
      }
      series.push({
        type: 'line', name: s.name, z: 3, data: s.data.map(function (r) { return [r[0], r[1]]; }),
        showSymbol: s.data.length <= 40, symbolSize: 5, itemStyle: { color: color },
        lineStyle: { color: color, width: 2, type: s.dashed ? 'dashed' : 'solid' }
      });
      if (s.band) series.push(band(s, color));
    });
    return {
      animation: false, color: PALETTE, tooltip: { trigger: 'item' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 75, right: 25, top: 40, bottom: 55 },
      xAxis: axis(f.x, 30), yAxis: axis(f.y, 55), series: series
    };
  }

  function manifoldOption(f) {
    var n = f.views.length, grids = [], xs = [], ys = [], titles = [], series = [], scatterIdx = [];
    f.views.forEach(function (v, i) {
      var left = i * 100 / n + 4, w = 100 / n - 8;
      grids.push({ left: left + '%', width: w + '%', top: 36, bottom: 64 });
      titles.push({ text: v.label, left: (left + w / 2) + '%', textAlign: 'center', top: 6, textStyle: { fontSize: 12, fontWeight: 'normal' } });
      [xs, ys].forEach(function (axes) {
        axes.push({ type: 'value', gridIndex: i, min: -v.extent, max: v.extent, show: false });
      });
      scatterIdx.push(series.length);
      series.push({ type: 'scatter', name: f.colorLabel, xAxisIndex: i, yAxisIndex: i, data: v.points, symbolSize: 5 });
      series.push({
        type: 'lines', coordinateSystem: 'cartesian2d', xAxisIndex: i, yAxisIndex: i, silent: true,
        symbol: ['none', 'arrow'], symbolSize: 6, lineStyle: { color: '#222', width: 1 },
        data: v.arrows.map(function (a) {
          return { coords: [[a[0], a[1]], [a[2], a[3]]], lineStyle: { opacity: opacity(a[4]) } };
        })
      });
    });
    return {
      animation: false, title: titles, grid: grids, xAxis: xs, yAxis: ys, series: series,
      tooltip: { trigger: 'item' },
      visualMap: [{
        type: 'continuous', min: f.min, max: f.max, dimension: 2, seriesIndex: scatterIdx,
        inRange: { color: TWO_COLOURS }, orient: 'horizontal', left: 'center', bottom: 4,
        text: [tick(f.max), f.colorLabel + ' ' + tick(f.min)], calculable: false
      }, {
        type: 'continuous', min: 0, max: 1, dimension: 3, seriesIndex: scatterIdx, show: false,
        inRange: { opacity: [opacity(0), opacity(1)] }
      }]
    };
  }

  function renderImages(el, f) {
    el.style.gridTemplateColumns = 'repeat(' + f.columns + ', max-content)';
    f.images.forEach(function (im) {
      var cell = document.createElement('figure');
      var img = document.createElement('img');
      img.src = im.src;
      img.alt = im.caption;
      var cap = document.createElement('figcaption');
      cap.textContent = im.caption;
      cell.appendChild(img);
      cell.appendChild(cap);
      el.appendChild(cell);
    });
  }

  function render(f) {
    var el = document.querySelector('[data-figure="' + f.id + '"]');
    if (f.kind === 'images') { renderImages(el, f); return; }
    if (f.kind === 'manifold') el.style.height = Math.round(el.clientWidth * (1 / f.views.length - 0.08) + 100) + 'px';
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(f.kind === 'plot' ? plotOption(f) : manifoldOption(f));
    charts[f.id] = chart;
  }

  /** Counts drawn pixels and strongly coloured ("data") pixels over a list of canvases. */
  function ink(canvases) {
    var drawn = 0, chromatic = 0, lo = 255, hi = 0;
    canvases.forEach(function (c) {
      if (!c.width || !c.height) return;
      var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (var i = 0; i < px.length; i += 4) {
        if (px[i + 3] === 0) continue;
        drawn++;
        var mx = Math.max(px[i], px[i + 1], px[i + 2]), mn = Math.min(px[i], px[i + 1], px[i + 2]);
        if (mx - mn > 60) chromatic++;
        lo = Math.min(lo, mn); hi = Math.max(hi, mx);
      }
    });
    return { drawn: drawn, chromatic: chromatic, contrast: hi - lo };
  }

  function imageCanvases(el) {
    return Array.prototype.map.call(el.querySelectorAll('img'), function (img) {
      var c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      if (c.width) c.getContext('2d').drawImage(img, 0, 0);
      return c;
    });
  }

  function check(f) {
    var el = document.querySelector('[data-figure="' + f.id + '"]');
    var result;
    if (f.kind === 'images') {
      var per = imageCanvases(el).map(function (c) { return ink([c]); });
      result = {
        images: per.length,
        ok: per.length === f.images.length && per.every(function (r) { return r.drawn > 0 && r.contrast > 0; })
      };
    } else {
      var count = f.kind === 'plot'
        ? f.series.reduce(function (a, s) { return a + s.data.length; }, 0)
        : f.views.reduce(function (a, v) { return a + v.points.length; }, 0);
      var r = ink(Array.prototype.slice.call(el.querySelectorAll('canvas')));
      result = { points: count, drawn: r.drawn, chromatic: r.chromatic, ok: count > 0 && r.chromatic >= 20 };
    }
    el.setAttribute('data-rendered', String(result.ok));
    return result;
  }

  function finish() {
    var status = { figures: {}, problems: window.__reportProblems };
    data.figures.forEach(function (f) {
      try { status.figures[f.id] = check(f); } catch (e) { status.figures[f.id] = { ok: false, error: String(e) }; }
    });
    var out = document.getElementById('report-status');
    out.textContent = JSON.stringify(status);
    out.setAttribute('data-state', 'done');
  }

  data.figures.forEach(function (f) {
    try { render(f); } catch (e) { console.error('figure ' + f.id + ': ' + e); }
  });
  window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  var decoding = Array.prototype.map.call(document.querySelectorAll('img'), function (img) {
    return img.decode().catch(function () { /* reported by the check */ });
  });
  Promise.all(decoding).then(function () {
    requestAnimationFrame(function () { requestAnimationFrame(finish); });
  });
})();
