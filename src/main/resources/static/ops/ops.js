// The operator page: polls the operator API with the key kept in sessionStorage (gone when
// the tab closes), keeps a short in-page history of the queue, and offers retry, cancel and
// the reconciliation actions. No dependencies, no build.
(function () {
  'use strict';

  var KEY = 'vfbridge.operatorKey';
  var HISTORY = 90;
  var params = new URLSearchParams(location.search);
  var POLL_MS = Math.max(500, Number(params.get('poll')) || 5000);
  var SERIES = [
    { status: 'queued', color: '#2e6bd1' },
    { status: 'running', color: '#1a7f37' },
    { status: 'dead', color: '#b42318' },
    { status: 'needs_attention', color: '#b54708' },
    { status: 'failed', color: '#7a5af8' }
  ];
  var history = [];
  var timer = null;

  function $(selector) { return document.querySelector(selector); }

  function key() { return sessionStorage.getItem(KEY); }

  function setStatus(text, isError) {
    var status = $('#status');
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }

  function api(method, path) {
    return fetch(path, {
      method: method,
      headers: { 'Authorization': 'Bearer ' + key(), 'Accept': 'application/json' }
    }).then(function (response) {
      return response.text().then(function (text) {
        var body = text ? JSON.parse(text) : null;
        if (!response.ok) {
          var error = new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
          error.status = response.status;
          throw error;
        }
        return body;
      });
    });
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = (text === null || text === undefined) ? '' : String(text);
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function button(label, className, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.className = className;
    b.addEventListener('click', function () {
      b.disabled = true;
      onClick().then(refresh, function (error) {
        setStatus(label + ' failed: ' + error.message, true);
        b.disabled = false;
      });
    });
    return b;
  }

  function fill(tbody, rows, columns, render) {
    // rebuild only when the rows changed, so a button is not replaced under the pointer
    var signature = JSON.stringify(rows);
    if (tbody.dataset.signature === signature) { return; }
    tbody.dataset.signature = signature;
    tbody.textContent = '';
    if (rows.length === 0) {
      var tr = document.createElement('tr');
      var td = cell(tr, 'None', 'empty');
      td.colSpan = columns;
      tbody.appendChild(tr);
      return;
    }
    rows.forEach(function (item) {
      var tr = document.createElement('tr');
      render(tr, item);
      tbody.appendChild(tr);
    });
  }

  function when(instant) {
    return instant ? new Date(instant).toLocaleTimeString() : '';
  }

  function operationActions(tr, op) {
    var td = cell(tr, '');
    td.appendChild(button('Retry', 'retry', function () {
      return api('POST', '/v1/operations/' + op.operationId + '/retry');
    }));
    if (op.status !== 'failed') {
      td.appendChild(document.createTextNode(' '));
      td.appendChild(button('Cancel', 'cancel', function () {
        return api('POST', '/v1/operations/' + op.operationId + '/cancel');
      }));
    }
    tr.dataset.operation = op.operationId;
    tr.dataset.status = op.status;
  }

  function renderOperations(failed, dead, attention) {
    var failures = failed.concat(dead).sort(function (a, b) {
      return String(b.finishedAt || '').localeCompare(String(a.finishedAt || ''));
    }).slice(0, 25);
    fill($('#failures tbody'), failures, 8, function (tr, op) {
      cell(tr, op.operationId.slice(0, 8)).title = op.operationId;
      cell(tr, op.status);
      cell(tr, op.type);
      cell(tr, op.serviceId || op.customerId || '');
      cell(tr, op.attempts);
      cell(tr, op.lastError, 'error');
      cell(tr, when(op.finishedAt));
      operationActions(tr, op);
    });
    fill($('#attention tbody'), attention, 7, function (tr, op) {
      cell(tr, op.operationId.slice(0, 8)).title = op.operationId;
      cell(tr, op.type);
      cell(tr, op.serviceId || op.customerId || '');
      cell(tr, op.attempts);
      cell(tr, op.lastError, 'error');
      cell(tr, when(op.finishedAt));
      operationActions(tr, op);
    });
  }

  function renderSummary(summary) {
    history.push(summary);
    if (history.length > HISTORY) { history.shift(); }
    var tiles = $('#tiles');
    SERIES.forEach(function (series) {
      var tile = document.getElementById('tile-' + series.status);
      if (!tile) {
        tile = document.createElement('div');
        tile.className = 'tile';
        tile.id = 'tile-' + series.status;
        tile.appendChild(document.createElement('b'));
        var label = document.createElement('span');
        label.textContent = series.status.replace('_', ' ');
        tile.appendChild(label);
        tiles.appendChild(tile);
      }
      tile.firstChild.textContent = summary.byStatus[series.status];
    });
    var done = summary.finishedInWindow;
    var perMinute = (done.succeeded * 60 / summary.windowSeconds).toFixed(1);
    $('#throughput').textContent = 'Throughput: ' + perMinute + ' succeeded/min over the last '
      + summary.windowSeconds + ' s (' + done.failed + ' failed, ' + done.dead + ' dead, '
      + done.needs_attention + ' needing attention). Oldest due job waiting: '
      + (summary.oldestDueSeconds === null ? 'none' : summary.oldestDueSeconds + ' s') + '.';
    drawChart();
  }

  function drawChart() {
    var svg = $('#queue-chart');
    var width = 600, height = 160, pad = 4;
    var max = 1;
    history.forEach(function (sample) {
      SERIES.forEach(function (series) { max = Math.max(max, sample.byStatus[series.status]); });
    });
    var ns = 'http://www.w3.org/2000/svg';
    svg.textContent = '';
    SERIES.forEach(function (series) {
      var points = history.map(function (sample, i) {
        var x = history.length === 1 ? width - pad : pad + i * (width - 2 * pad) / (HISTORY - 1);
        var y = height - pad - sample.byStatus[series.status] * (height - pad - 20) / max;
        return x.toFixed(1) + ',' + y.toFixed(1);
      });
      var line = document.createElementNS(ns, 'polyline');
      line.setAttribute('points', points.join(' '));
      line.setAttribute('fill', 'none');
      line.setAttribute('stroke', series.color);
      line.setAttribute('stroke-width', '2');
      line.setAttribute('vector-effect', 'non-scaling-stroke');
      line.setAttribute('data-status', series.status);
      svg.appendChild(line);
    });
    var top = document.createElementNS(ns, 'text');
    top.setAttribute('x', '6');
    top.setAttribute('y', '14');
    top.setAttribute('font-size', '11');
    top.setAttribute('fill', '#667085');
    top.textContent = 'max ' + max + ' · last ' + history.length + ' samples, every ' + (POLL_MS / 1000) + ' s';
    svg.appendChild(top);
    var legend = $('#legend');
    legend.textContent = '';
    SERIES.forEach(function (series) {
      var span = document.createElement('span');
      var swatch = document.createElement('i');
      swatch.style.background = series.color;
      span.appendChild(swatch);
      span.appendChild(document.createTextNode(series.status.replace('_', ' ')));
      legend.appendChild(span);
    });
  }

  function renderBreakers(breakers) {
    fill($('#breakers tbody'), breakers, 5, function (tr, breaker) {
      cell(tr, breaker.panel);
      cell(tr, breaker.state, 'state-' + breaker.state);
      cell(tr, breaker.failureRate < 0 ? '–' : breaker.failureRate.toFixed(1) + ' %');
      cell(tr, breaker.bufferedCalls);
      cell(tr, breaker.notPermittedCalls);
    });
  }

  function renderDrift(report) {
    if (!report) {
      $('#drift-meta').textContent = 'No report yet: run a reconciliation.';
      fill($('#drift tbody'), [], 7, null);
      return;
    }
    $('#drift-meta').textContent = 'Report of ' + new Date(report.finishedAt).toLocaleString() + ' (' + report.trigger
      + '): ' + report.servicesChecked + ' services and ' + report.customersChecked + ' customers checked, '
      + report.findings.length + ' findings' + (report.errors.length ? ', partial: ' + report.errors.join('; ') : '') + '.';
    fill($('#drift tbody'), report.findings, 7, function (tr, finding) {
      tr.dataset.finding = finding.id;
      cell(tr, finding.kind);
      cell(tr, finding.serviceId || ('customer ' + finding.customerId));
      cell(tr, finding.serverId);
      cell(tr, finding.expected);
      cell(tr, finding.actual);
      cell(tr, finding.actionDescription).title = finding.detail;
      var td = cell(tr, '');
      if (finding.appliedOperationId) {
        td.className = 'applied';
        td.textContent = 'applied by ' + finding.appliedBy;
      }
      else if (finding.action === 'import') {
        // only the operator knows the billing service: the description says how
        td.className = 'applied';
        td.textContent = 'import it';
      }
      else {
        td.appendChild(button('Apply', 'apply', function () {
          return api('POST', '/v1/ops/drift/' + finding.id + '/apply');
        }));
      }
    });
  }

  function refresh() {
    if (!key()) { return Promise.resolve(); }
    return Promise.all([
      api('GET', '/v1/ops/summary'),
      api('GET', '/v1/ops/operations?status=failed&limit=25'),
      api('GET', '/v1/ops/operations?status=dead&limit=25'),
      api('GET', '/v1/ops/operations?status=needs_attention&limit=50'),
      api('GET', '/v1/ops/circuit-breakers'),
      api('GET', '/v1/ops/drift').catch(function (error) {
        if (error.status === 404) { return null; }
        throw error;
      })
    ]).then(function (all) {
      renderSummary(all[0]);
      renderOperations(all[1], all[2], all[3]);
      renderBreakers(all[4]);
      renderDrift(all[5]);
      setStatus('Updated ' + new Date().toLocaleTimeString() + '.', false);
    }, function (error) {
      if (error.status === 401 || error.status === 403) {
        setStatus('The key was refused (' + error.status + '): ' + error.message, true);
      }
      else {
        setStatus('Could not load: ' + error.message, true);
      }
    });
  }

  function start() {
    if (timer) { clearInterval(timer); }
    refresh();
    // once per key, not per poll: counting lists every server of the panel
    countUnlinked();
    timer = setInterval(refresh, POLL_MS);
  }

  $('#key-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var value = $('#key').value.trim();
    if (!value) { return; }
    sessionStorage.setItem(KEY, value);
    $('#key').value = '';
    history = [];
    start();
  });
  $('#key-forget').addEventListener('click', function () {
    sessionStorage.removeItem(KEY);
    if (timer) { clearInterval(timer); timer = null; }
    setStatus('Key forgotten.', false);
  });
  function countUnlinked() {
    var b = $('#unlinked-count');
    b.disabled = true;
    $('#unlinked-meta').textContent = 'Counting (every server of the panel is listed)…';
    return api('GET', '/v1/panel/unlinked-servers/count').then(function (count) {
      $('#unlinked-meta').textContent = count.unlinked + ' of ' + count.servers + ' servers of panel ' + count.panel
        + ' are mapped by no service.';
    }, function (error) {
      $('#unlinked-meta').textContent = 'Could not count: ' + error.message;
    }).then(function () { b.disabled = false; });
  }

  $('#unlinked-count').addEventListener('click', countUnlinked);
  $('#unlinked-download').addEventListener('click', function () {
    var b = $('#unlinked-download');
    b.disabled = true;
    $('#unlinked-meta').textContent = 'Listing the unlinked servers…';
    fetch('/v1/panel/unlinked-servers?format=csv', {
      headers: { 'Authorization': 'Bearer ' + key(), 'Accept': 'text/csv' }
    }).then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.blob();
    }).then(function (blob) {
      var link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'unlinked-servers.csv';
      document.body.appendChild(link);
      link.click();
      link.remove();
      $('#unlinked-meta').textContent = 'Downloaded: fill in serviceId (and check customerId), then POST it to /v1/imports?dryRun=true.';
    }, function (error) {
      $('#unlinked-meta').textContent = 'Could not download: ' + error.message;
    }).then(function () { b.disabled = false; });
  });
  $('#reconcile').addEventListener('click', function () {
    var b = $('#reconcile');
    b.disabled = true;
    api('POST', '/v1/ops/reconciliation').then(function (answer) {
      setStatus('Reconciliation queued as operation ' + answer.operationId + '.', false);
    }, function (error) {
      setStatus('Reconciliation failed: ' + error.message, true);
    }).then(function () { b.disabled = false; });
  });

  if (key()) { start(); }
}());
