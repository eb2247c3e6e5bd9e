/* Runs first: records script errors, failed loads, CSP violations and console errors for the self-check. */
(function () {
  var problems = window.__reportProblems = [];
  function add(kind, msg) { problems.push(kind + ': ' + msg); }
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && t.tagName) add('load', t.tagName + ' ' + (t.src || t.href || ''));
    else add('error', e.message + ' at ' + e.filename + ':' + e.lineno);
  }, true);
  window.addEventListener('unhandledrejection', function (e) { add('rejection', String(e.reason)); });
  document.addEventListener('securitypolicyviolation', function (e) {
    add('csp', e.violatedDirective + ' ' + e.blockedURI);
  });
  var original = console.error;
  console.error = function () {
    add('console', Array.prototype.join.call(arguments, ' '));
    return original.apply(console, arguments);
  };
})();
