// The work lists' 打印 button: the browser's print dialog (the print stylesheet does the rest).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
