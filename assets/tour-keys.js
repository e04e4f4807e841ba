/* Arrow keys for the guided tour, in every mode: → is "Next", ← is "Previous".

   Only while the tour is on (#tour.active), with no modifier key (Alt+← is the browser's
   Back), and never while focus is in a control that uses the arrow keys itself: a text
   field, the year slider, a dropdown, a radio group, the scrollable figures table.
   It presses the tour's own buttons, so the tour moves exactly as for a click. */
(function () {
  'use strict';

  var OWN_ARROWS = [
    'input', 'textarea', 'select', '[contenteditable]:not([contenteditable="false"])',
    '[role="slider"]', '[role="combobox"]', '[role="listbox"]', '[role="option"]',
    '[role="radiogroup"]', '[role="radio"]', '[role="textbox"]', '[role="spinbutton"]',
    '[role="menu"]', '[role="menuitem"]', '[role="grid"]', '[role="tablist"]',
    '.dash-dropdown-wrapper', '.dash-dropdown-content', '.dash-slider-root', '.table-scroll'
  ].join(', ');

  function usesArrows(element) {
    return !!(element && element.closest && element.closest(OWN_ARROWS));
  }

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey ||
        event.isComposing) { return; }
    var id = event.key === 'ArrowRight' ? 'tour-next' : event.key === 'ArrowLeft' ? 'tour-prev' : null;
    if (!id) { return; }
    var tour = document.getElementById('tour');
    if (!tour || !tour.classList.contains('active')) { return; }
    if (usesArrows(event.target) || usesArrows(document.activeElement)) { return; }
    var button = document.getElementById(id);
    if (!button || button.disabled) { return; }
    event.preventDefault();
    button.click();
  });
}());
