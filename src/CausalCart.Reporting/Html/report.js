// CausalCart report charts. Reads the result embedded as JSON in #causalcart-result and draws its
// charts (estimates, who responds, overlap, balance) with Apache ECharts' SVG renderer. Each chart container gets data-rendered="true" once ECharts
// has finished drawing it, or data-render-error="<message>" if drawing failed. Strings from the result
// reach the page only through ECharts' SVG text (set as text, not markup) or through esc().
(function () {
  'use strict';

  var INK = '#1a202c', MUTED = '#5a6677', GRID = '#e2e8f0', ACCENT = '#2b6cb0', NAIVE = '#8a94a6',
    TREATED = '#2b6cb0', CONTROL = '#dd6b20', TRUTH = '#22863a', BAD = '#b42318';
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
  var METHODS = {
    naive: 'Naive (association)', regression: 'Regression', ipw: 'IPW', aipw: 'AIPW', dml_plr: 'DML-PLR', dml_irm: 'DML-IRM',
    causal_forest: 'Causal forest', matching: 'Matching', subclassification: 'Subclassification', linear_dml: 'LinearDML',
    dr_learner: 'DR-learner', s_learner: 'S-learner', t_learner: 'T-learner', x_learner: 'X-learner', r_learner: 'R-learner'
  };

  var result = JSON.parse(document.getElementById('causalcart-result').textContent);
  var binary = !!result.association.outcomeIsBinary;
  var scale = binary ? 100 : 1;
  var unitName = binary ? 'percentage points' : 'outcome units';
  var charts = [];

  // Named non-finite numbers arrive as the strings "NaN", "Infinity", "-Infinity".
  function num(v) { return typeof v === 'number' ? v : Number(v); }
  function finite(v) { return typeof v === 'number' && isFinite(v); }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function fmt(v, digits) {
    if (!finite(v)) { return 'n/a'; }
    if (v === 0 && digits === undefined) { return '0'; }
    var a = Math.abs(v);
    var d = digits !== undefined ? digits : (a >= 100 ? 0 : a >= 1 ? 1 : a >= 0.1 ? 2 : a >= 0.01 ? 3 : 4);
    return v.toFixed(d).replace(/^-(?=\d)/, '\u2212');
  }
  // Axis ticks are round numbers already; print them without trailing noise and with a true minus.
  function axisNumber(v) { return String(parseFloat(Number(v).toPrecision(6))).replace(/^-/, '\u2212'); }
  function methodName(m) { return METHODS[m] || String(m).toUpperCase(); }
  function baseText() { return { fontFamily: FONT, color: INK, fontSize: 12 }; }

  function mount(id, build) {
    var el = document.getElementById(id);
    if (!el) { return; }
    try {
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.on('finished', function () { el.setAttribute('data-rendered', 'true'); });
      chart.setOption(build());
      charts.push(chart);
    } catch (e) {
      el.setAttribute('data-render-error', String((e && e.message) || e));
      el.textContent = 'This chart could not be drawn: ' + String((e && e.message) || e);
    }
  }

  function estimatesOption() {
    var est = result.estimates;
    var truth = result.truth;
    var labels = est.map(function (e) { return methodName(e.method) + ' \u00b7 ' + String(e.estimand).toUpperCase(); });
    var whiskers = [], points = [], truthPoints = [];
    est.forEach(function (e, i) {
      var lo = num(e.ciLower) * scale, hi = num(e.ciUpper) * scale, pt = num(e.estimate) * scale;
      if (finite(lo) && finite(hi)) { whiskers.push([i, lo, hi]); }
      if (finite(pt)) {
        points.push({ value: [pt, i], itemStyle: { color: e.method === 'naive' ? NAIVE : ACCENT }, lo: lo, hi: hi });
      }
      if (truth) {
        var t = num(e.estimand === 'att' ? truth.att : truth.ate) * scale;
        if (finite(t)) { truthPoints.push({ value: [t, i], estimand: String(e.estimand).toUpperCase() }); }
      }
    });
    var lines = [{ xAxis: 0, name: 'No effect', lineStyle: { type: 'dashed', color: MUTED, width: 1.5 }, label: { formatter: 'No effect', color: MUTED } }];
    if (truth && finite(num(truth.ate) * scale)) {
      lines.push({ xAxis: num(truth.ate) * scale, lineStyle: { type: 'solid', color: TRUTH, width: 2 },
        label: { formatter: 'True ATE ' + fmt(num(truth.ate) * scale), color: TRUTH, fontWeight: 600 } });
    }
    var series = [
      whiskerSeries(whiskers),
      {
        type: 'scatter', name: 'Estimate', data: points, symbolSize: 13, z: 4,
        itemStyle: { color: ACCENT, borderColor: '#fff', borderWidth: 1.5 },
        // The category axis is inverted (first estimate on top), so a vertical line's "start" is its top end.
        markLine: { silent: true, symbol: 'none', data: lines, label: { position: 'start', fontFamily: FONT } }
      }
    ];
    if (truthPoints.length) {
      series.push({ type: 'scatter', name: 'True value', data: truthPoints, symbol: 'diamond', symbolSize: 13, z: 3,
        itemStyle: { color: TRUTH, borderColor: '#fff', borderWidth: 1 } });
    }
    return {
      animation: false,
      textStyle: baseText(),
      grid: { left: 12, right: 48, top: 48, bottom: 48, containLabel: true },
      legend: { top: 0, right: 0, data: truthPoints.length ? ['Estimate', 'True value'] : ['Estimate'], textStyle: baseText() },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          if (p.seriesName === 'True value') {
            return esc('True ' + p.data.estimand + ': ' + fmt(p.data.value[0]) + ' ' + unitName);
          }
          return esc(labels[p.data.value[1]]) + '<br>' + esc(fmt(p.data.value[0]) + ' ' + unitName) +
            '<br>' + esc('interval ' + fmt(p.data.lo) + ' to ' + fmt(p.data.hi));
        }
      },
      xAxis: effectAxis(),
      yAxis: labelAxis(labels),
      series: series
    };
  }

  // The horizontal effect axis and the vertical label axis (first label on top) of the interval charts.
  function effectAxis() {
    return {
      type: 'value', name: 'Effect (' + unitName + ')', nameLocation: 'middle', nameGap: 30,
      nameTextStyle: { color: MUTED, fontFamily: FONT }, splitLine: { lineStyle: { color: GRID } },
      axisLabel: { formatter: axisNumber }
    };
  }

  function labelAxis(labels) {
    return {
      type: 'category', data: labels, inverse: true, axisTick: { show: false },
      axisLine: { lineStyle: { color: '#cbd5e0' } }, axisLabel: { color: INK, fontSize: 13, fontFamily: FONT }
    };
  }

  // Horizontal interval whiskers with end caps; data rows are [category index, lower, upper].
  function whiskerSeries(whiskers) {
    return {
      type: 'custom', name: 'Interval', data: whiskers, encode: { x: [1, 2], y: 0 }, z: 2, silent: true,
      renderItem: function (params, api) {
        var a = api.coord([api.value(1), api.value(0)]), b = api.coord([api.value(2), api.value(0)]);
        var cap = Math.min(14, api.size([0, 1])[1] * 0.35) / 2;
        var style = { stroke: '#4a5568', lineWidth: 2, fill: 'none' };
        return {
          type: 'group', children: [
            { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: style },
            { type: 'line', shape: { x1: a[0], y1: a[1] - cap, x2: a[0], y2: a[1] + cap }, style: style },
            { type: 'line', shape: { x1: b[0], y1: b[1] - cap, x2: b[0], y2: b[1] + cap }, style: style }
          ]
        };
      }
    };
  }

  // Who responds: the effect in each learned response group (lowest predicted effect on top) and each segment.
  function whoRespondsOption() {
    var h = result.heterogeneity;
    var rows = [];
    var k = h.learnedGroups.length;
    h.learnedGroups.forEach(function (g, i) {
      var lo = Math.floor(100 * i / k), hi = Math.floor(100 * (i + 1) / k);
      rows.push({ label: 'Predicted ' + lo + '\u2013' + hi + '%', g: g, color: ACCENT });
    });
    h.segments.forEach(function (g) { rows.push({ label: String(h.segmentColumn || 'segment') + ' = ' + g.label, g: g, color: CONTROL }); });
    var labels = rows.map(function (r) { return r.label; });
    var whiskers = [], points = [];
    rows.forEach(function (r, i) {
      var lo = num(r.g.ciLower) * scale, hi = num(r.g.ciUpper) * scale, pt = num(r.g.estimate) * scale;
      if (finite(lo) && finite(hi)) { whiskers.push([i, lo, hi]); }
      if (finite(pt)) { points.push({ value: [pt, i], itemStyle: { color: r.color }, lo: lo, hi: hi, units: num(r.g.units) }); }
    });
    return {
      animation: false,
      textStyle: baseText(),
      grid: { left: 12, right: 48, top: 24, bottom: 48, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          return esc(labels[p.data.value[1]]) + '<br>' + esc(fmt(p.data.value[0]) + ' ' + unitName) +
            '<br>' + esc('interval ' + fmt(p.data.lo) + ' to ' + fmt(p.data.hi)) + '<br>' + esc(p.data.units + ' units');
        }
      },
      xAxis: effectAxis(),
      yAxis: labelAxis(labels),
      series: [
        whiskerSeries(whiskers),
        {
          type: 'scatter', name: 'Effect', data: points, symbolSize: 12, z: 4,
          itemStyle: { borderColor: '#fff', borderWidth: 1.5 },
          markLine: { silent: true, symbol: 'none', label: { position: 'start', fontFamily: FONT },
            data: [{ xAxis: 0, lineStyle: { type: 'dashed', color: MUTED, width: 1.5 }, label: { formatter: 'No effect', color: MUTED } }] }
        }
      ]
    };
  }

  function overlapOption() {
    var o = result.overlap;
    var edges = o.binEdges.map(num), tc = o.treatedCounts.map(num), cc = o.controlCounts.map(num);
    var sum = function (a) { return a.reduce(function (s, x) { return s + x; }, 0); };
    var totalT = sum(tc), totalC = sum(cc), thr = num(o.extremeThreshold);
    var cats = [];
    for (var i = 0; i + 1 < edges.length; i++) { cats.push(edges[i].toFixed(2) + '\u2013' + edges[i + 1].toFixed(2)); }
    var treated = tc.map(function (c) { return totalT ? 100 * c / totalT : 0; });
    var control = cc.map(function (c) { return totalC ? -100 * c / totalC : 0; });
    var areas = [];
    var lowLast = -1, highFirst = cats.length;
    for (var j = 0; j < cats.length; j++) {
      if (edges[j + 1] <= thr + 1e-12) { lowLast = j; }
      if (edges[j] >= 1 - thr - 1e-12 && highFirst === cats.length) { highFirst = j; }
    }
    var shade = { color: 'rgba(180, 35, 24, 0.07)' };
    if (lowLast >= 0) { areas.push([{ xAxis: cats[0], itemStyle: shade }, { xAxis: cats[lowLast] }]); }
    if (highFirst < cats.length) { areas.push([{ xAxis: cats[highFirst], itemStyle: shade }, { xAxis: cats[cats.length - 1] }]); }
    return {
      animation: false,
      textStyle: baseText(),
      grid: { left: 12, right: 16, top: 40, bottom: 56, containLabel: true },
      legend: { top: 0, right: 0, data: ['Treated', 'Untreated'], textStyle: baseText() },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (ps) {
          var k = ps[0].dataIndex;
          return esc('Propensity ' + cats[k]) + '<br>' +
            esc('Treated: ' + tc[k] + ' (' + fmt(treated[k], 1) + '% of treated)') + '<br>' +
            esc('Untreated: ' + cc[k] + ' (' + fmt(-control[k], 1) + '% of untreated)');
        }
      },
      xAxis: {
        type: 'category', data: cats, name: 'Propensity score (estimated chance of being treated)', nameLocation: 'middle', nameGap: 34,
        nameTextStyle: { color: MUTED, fontFamily: FONT }, axisTick: { alignWithLabel: true },
        axisLabel: { color: MUTED, formatter: function (v) { return v.split('\u2013')[0]; } }
      },
      yAxis: {
        type: 'value', name: 'Share of arm (%)', nameTextStyle: { color: MUTED, fontFamily: FONT, align: 'left' },
        splitLine: { lineStyle: { color: GRID } },
        axisLabel: { formatter: function (v) { return fmt(Math.abs(v), 0) + '%'; } }
      },
      series: [
        { type: 'bar', name: 'Treated', stack: 'arms', data: treated, barCategoryGap: '12%', itemStyle: { color: TREATED },
          markArea: { silent: true, data: areas } },
        { type: 'bar', name: 'Untreated', stack: 'arms', data: control, itemStyle: { color: CONTROL } }
      ]
    };
  }

  function balanceOption() {
    var b = result.balance, thr = num(b.threshold);
    var rows = b.covariates.map(function (c) {
      return { name: String(c.name), before: Math.abs(num(c.smdBefore)), after: Math.abs(num(c.smdAfter)) };
    });
    rows.sort(function (x, y) { return (y.before || 0) - (x.before || 0); });
    var names = rows.map(function (r) { return r.name; });
    var point = function (key) {
      return rows.map(function (r, i) { return finite(r[key]) ? [r[key], i] : [null, i]; });
    };
    return {
      animation: false,
      textStyle: baseText(),
      grid: { left: 12, right: 40, top: 52, bottom: 48, containLabel: true },
      legend: { top: 0, right: 0, data: ['Before weighting', 'After weighting'], textStyle: baseText() },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          return esc(names[p.data[1]]) + '<br>' + esc(p.seriesName + ': |SMD| ' + fmt(p.data[0], 3));
        }
      },
      xAxis: {
        type: 'value', name: '|Standardised mean difference| (standard deviations)', nameLocation: 'middle', nameGap: 30,
        nameTextStyle: { color: MUTED, fontFamily: FONT }, min: 0, splitLine: { lineStyle: { color: GRID } },
        axisLabel: { formatter: axisNumber }
      },
      yAxis: {
        type: 'category', data: names, inverse: true, axisTick: { show: false },
        axisLine: { lineStyle: { color: '#cbd5e0' } },
        splitLine: { show: true, lineStyle: { color: '#f1f4f8' } },
        axisLabel: { color: INK, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12, width: 220, overflow: 'truncate' }
      },
      series: [
        { type: 'scatter', name: 'Before weighting', data: point('before'), symbol: 'circle', symbolSize: 11, z: 3,
          itemStyle: { color: '#fff', borderColor: BAD, borderWidth: 2 },
          markLine: { silent: true, symbol: 'none', data: [{ xAxis: thr }],
            lineStyle: { type: 'dashed', color: INK, width: 1.5 },
            label: { formatter: 'Threshold ' + String(parseFloat(thr.toFixed(3))), position: 'start', color: INK, fontFamily: FONT } } },
        { type: 'scatter', name: 'After weighting', data: point('after'), symbol: 'circle', symbolSize: 10, z: 4,
          itemStyle: { color: ACCENT, borderColor: '#fff', borderWidth: 1 } }
      ]
    };
  }

  if (result.estimates && result.estimates.length) { mount('chart-estimates', estimatesOption); }
  if (result.heterogeneity && result.heterogeneity.learnedGroups.length) { mount('chart-who-responds', whoRespondsOption); }
  if (result.overlap) { mount('chart-overlap', overlapOption); }
  if (result.balance && result.balance.covariates.length) { mount('chart-balance', balanceOption); }

  var resize = function () { charts.forEach(function (c) { c.resize(); }); };
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
})();
