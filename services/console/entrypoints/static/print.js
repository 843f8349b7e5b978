// A button marked data-print prints the page (the print style hides the navigation and forms).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
