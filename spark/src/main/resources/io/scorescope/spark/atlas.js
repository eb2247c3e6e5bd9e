/* The claims atlas: heatmaps of a claim's verdict or number across two axes, a cell list, the self-check. */
(function () {
  var data = JSON.parse(document.getElementById('atlas-data').textContent);
  var rows = data.rows, axes = data.axes, chart = null;
  var state = { claim: data.claims[2] ? data.claims[2].key : data.claims[0].key, measure: 'verdict', x: 'data', y: 'seed', filters: {} };
  var present = axes.filter(function (a) { return rows.some(function (r) { return r[a] !== undefined; }); });
  if (present.indexOf('data') < 0) state.x = present[0];
  var varying = present.filter(function (a) { return distinct(a, rows).length > 1; });
  if (varying.length) state.x = varying[0];
  state.y = varying.length > 1 ? varying[1] : present.filter(function (a) { return a !== state.x; })[0];

  function distinct(a, rs) {
    var seen = [];
    rs.forEach(function (r) { var v = r[a]; if (seen.indexOf(v) < 0) seen.push(v); });
    return seen.sort(function (p, q) { return typeof p === 'number' && typeof q === 'number' ? p - q : String(p).localeCompare(String(q)); });
  }
  function claim() { return data.claims.filter(function (c) { return c.key === state.claim; })[0]; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function select(label, options, value, onChange) {
    var l = el('label', {}, label), s = el('select', { 'data-control': label });
    options.forEach(function (o) { var opt = el('option', { value: String(o) }, String(o)); if (String(o) === String(value)) opt.selected = true; s.appendChild(opt); });
    s.addEventListener('change', function () { onChange(s.value); draw(); });
    l.appendChild(s);
    return l;
  }
  function controls() {
    var c = document.getElementById('controls');
    c.textContent = '';
    c.appendChild(select('claim', data.claims.map(function (x) { return x.key; }), state.claim, function (v) { state.claim = v; state.measure = 'verdict'; controls(); }));
    c.appendChild(select('measure', ['verdict'].concat(claim().numbers), state.measure, function (v) { state.measure = v; }));
    c.appendChild(select('x axis', present, state.x, function (v) { state.x = v; controls(); }));
    c.appendChild(select('y axis', present, state.y, function (v) { state.y = v; controls(); }));
    present.filter(function (a) { return a !== state.x && a !== state.y; }).forEach(function (a) {
      c.appendChild(select(a, ['all'].concat(distinct(a, rows)), state.filters[a] === undefined ? 'all' : state.filters[a], function (v) {
        if (v === 'all') delete state.filters[a]; else state.filters[a] = v;
      }));
    });
  }
  function filtered() {
    return rows.filter(function (r) {
      return Object.keys(state.filters).every(function (a) { return a === state.x || a === state.y || String(r[a]) === state.filters[a]; });
    });
  }
  function median(xs) {
    var s = xs.filter(function (x) { return typeof x === 'number' && isFinite(x); }).sort(function (a, b) { return a - b; });
    if (!s.length) return null;
    var m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
  function bins() {
    var rs = filtered(), xs = distinct(state.x, rs), ys = distinct(state.y, rs), out = [];
    xs.forEach(function (xv, i) {
      ys.forEach(function (yv, j) {
        var members = rs.filter(function (r) { return r[state.x] === xv && r[state.y] === yv; });
        if (!members.length) return;
        var value, label;
        if (state.measure === 'verdict') {
          var col = state.claim + '__verdict';
          var ev = members.filter(function (r) { return r[col] !== 'not evaluated'; });
          var holds = ev.filter(function (r) { return r[col] === 'holds'; }).length;
          value = ev.length ? holds / ev.length : null;
          label = ev.length ? holds + '/' + ev.length + ' hold' : 'not evaluated';
          if (ev.length < members.length && ev.length) label += ' (' + (members.length - ev.length) + ' n.e.)';
        } else {
          value = median(members.map(function (r) { return r[state.measure]; }));
          label = value === null ? 'n/a' : Number(value).toPrecision(3);
        }
        out.push({ value: [i, j, value === null ? '-' : value], label: label, members: members });
      });
    });
    return { xs: xs, ys: ys, cells: out };
  }
  function link(r) {
    var base = 'cells/' + r.cell + '/';
    return r.report ? base + 'report.html' : base + 'summary.json';
  }
  function showSelection(b) {
    var s = document.getElementById('selection');
    s.textContent = '';
    if (!b) return;
    s.appendChild(el('p', {}, state.x + ' = ' + b.members[0][state.x] + ', ' + state.y + ' = ' + b.members[0][state.y] + ': ' + b.label));
    var ul = el('ul');
    b.members.forEach(function (r) {
      var li = el('li');
      var a = el('a', { href: link(r) }, r.cell.substring(0, 12));
      li.appendChild(a);
      li.appendChild(document.createTextNode(' ' + axes.map(function (ax) { return ax + '=' + r[ax]; }).join(', ') + ': ' + r[state.claim + '__verdict']));
      ul.appendChild(li);
    });
    s.appendChild(ul);
  }
  function draw() {
    var b = bins(), values = b.cells.map(function (c) { return c.value[2]; }).filter(function (v) { return v !== '-'; });
    var verdict = state.measure === 'verdict';
    var lo = verdict ? 0 : Math.min.apply(null, values.length ? values : [0]);
    var hi = verdict ? 1 : Math.max.apply(null, values.length ? values : [1]);
    if (hi === lo) hi = lo + 1;
    chart.setOption({
      animation: false,
      title: { text: state.claim + ': ' + (verdict ? 'share of evaluated cells that hold' : 'median ' + state.measure.split('__').slice(1).join(' ')), textStyle: { fontSize: 13 } },
      tooltip: { formatter: function (p) { return b.cells[p.dataIndex].label + ' (' + b.cells[p.dataIndex].members.length + ' cells)'; } },
      grid: { left: 120, right: 30, top: 40, bottom: 90 },
      xAxis: { type: 'category', data: b.xs.map(String), name: state.x, nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'category', data: b.ys.map(String), name: state.y },
      visualMap: { min: lo, max: hi, calculable: true, orient: 'horizontal', left: 'center', bottom: 5,
        inRange: { color: verdict ? ['#c62828', '#f5f5f5', '#2e7d32'] : ['#313695', '#ffffbf', '#a50026'] } },
      series: [{ type: 'heatmap', data: b.cells.map(function (c) { return c.value; }),
        label: { show: true, formatter: function (p) { return b.cells[p.dataIndex].label; } } }]
    }, true);
    chart.off('click');
    chart.on('click', function (p) { showSelection(b.cells[p.dataIndex]); });
    showSelection(null);
    return b;
  }
  function table() {
    var t = el('table'), head = el('tr');
    ['cell'].concat(axes).concat(data.claims.map(function (c) { return c.key; })).concat(['seconds']).forEach(function (h) { head.appendChild(el('th', {}, h)); });
    t.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr'), td = el('td');
      td.appendChild(el('a', { href: link(r) }, r.cell.substring(0, 12)));
      tr.appendChild(td);
      axes.forEach(function (a) { tr.appendChild(el('td', {}, String(r[a]))); });
      data.claims.forEach(function (c) {
        var v = r[c.key + '__verdict'], k = r[c.key_number];
        var cell = el('td');
        cell.appendChild(el('span', { 'class': 'badge ' + String(v).replace(/ /g, '-') }, v));
        if (typeof k === 'number') cell.appendChild(document.createTextNode(' ' + k.toPrecision(3)));
        tr.appendChild(cell);
      });
      tr.appendChild(el('td', {}, typeof r.seconds === 'number' ? r.seconds.toFixed(0) : ''));
      t.appendChild(tr);
    });
    document.getElementById('table').appendChild(t);
  }
  function finish(b) {
    var status = { figures: {}, problems: window.__reportProblems };
    var canvases = Array.prototype.slice.call(document.querySelectorAll('#chart canvas')), drawn = 0;
    canvases.forEach(function (c) {
      var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (var i = 3; i < px.length; i += 4) if (px[i] > 0) drawn++;
    });
    status.figures['atlas-heatmap'] = { cells: b.cells.length, drawn: drawn, ok: b.cells.length > 0 && drawn > 0 };
    var out = document.getElementById('report-status');
    out.textContent = JSON.stringify(status);
    out.setAttribute('data-state', 'done');
  }
  var b = null;
  try {
    chart = echarts.init(document.getElementById('chart'), null, { renderer: 'canvas' });
    controls();
    b = draw();
    table();
    window.addEventListener('resize', function () { chart.resize(); });
  } catch (e) { console.error('atlas: ' + e); }
  setTimeout(function () { finish(b || { cells: [] }); }, 300);
})();
