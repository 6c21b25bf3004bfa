// The workbench's script (beian serve): enhancements only; every page works without it.
// The case list's search box takes the focus when the page opens.
document.addEventListener("DOMContentLoaded", function () {
  var q = document.getElementById("q");
  if (q && !q.value) q.focus();
});
