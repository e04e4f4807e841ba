/* Arrow keys for the guided tour, in every mode: → is "Next", ← is "Previous".

   Only while the tour is on (.tour.active), with no modifier key (Alt+← is the browser's
   Back), and never while focus is in a control that uses the arrow keys itself: a text
   field, the year control (a slider), the tab list, the scrollable figures table.
   It presses the tour's own buttons, so the tour moves exactly as for a click. */
(function () {
  'use strict';

  var OWN_ARROWS = [
    'input', 'textarea', 'select', '[contenteditable]:not([contenteditable="false"])',
    '[role="slider"]', '[role="combobox"]', '[role="listbox"]', '[role="option"]',
    '[role="radiogroup"]', '[role="radio"]', '[role="textbox"]', '[role="spinbutton"]',
    '[role="menu"]', '[role="menuitem"]', '[role="grid"]', '[role="tablist"]',
    '.table-scroll'
  ].join(', ');

  function usesArrows(element) {
    return !!(element && element.closest && element.closest(OWN_ARROWS));
  }

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey ||
        event.isComposing) { return; }
    var role = event.key === 'ArrowRight' ? 'next' : event.key === 'ArrowLeft' ? 'prev' : null;
    if (!role) { return; }
    var tour = document.querySelector('.tour');
    if (!tour || !tour.classList.contains('active')) { return; }
    if (usesArrows(event.target) || usesArrows(document.activeElement)) { return; }
    var button = tour.querySelector('[data-tour=' + role + ']');
    if (!button || button.disabled) { return; }
    event.preventDefault();
    button.click();
  });
}());
