"""Answer the platform's save or open dialog as a person at the keyboard would, with no
window manager (Xvfb): find the dialog by its title, give it the keyboard, open its
location field (Ctrl+L; in a save dialog that is the name field), type a file name or a
whole path over what is there and press Return -- or press Escape to cancel.
Usage: file_dialog.py TITLE PATH | file_dialog.py TITLE --cancel"""
import sys
import time

from Xlib import X, XK, display
from Xlib.ext import xtest


def title_of(node, d):
    for atom in ("_NET_WM_NAME", "WM_NAME"):
        try:
            prop = node.get_full_property(d.intern_atom(atom), X.AnyPropertyType)
        except Exception:
            prop = None
        if prop and prop.value:
            value = prop.value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return ""


def find(node, d, title):
    try:
        viewable = node.get_attributes().map_state == X.IsViewable
    except Exception:
        viewable = False
    if viewable and title in title_of(node, d):
        return node
    try:
        children = node.query_tree().children
    except Exception:
        children = []
    for child in children:
        found = find(child, d, title)
        if found:
            return found
    return None


SPECIAL = {"/": "slash", ".": "period", "-": "minus", "_": "underscore", " ": "space",
           ":": "colon", "~": "asciitilde", "+": "plus"}


def key(d, name, shift=False):
    code = d.keysym_to_keycode(XK.string_to_keysym(name))
    if not code:
        sys.exit("no key for %r" % name)
    shift_code = d.keysym_to_keycode(XK.string_to_keysym("Shift_L"))
    if shift:
        xtest.fake_input(d, X.KeyPress, shift_code)
    xtest.fake_input(d, X.KeyPress, code)
    xtest.fake_input(d, X.KeyRelease, code)
    if shift:
        xtest.fake_input(d, X.KeyRelease, shift_code)
    d.sync()
    time.sleep(0.01)


def type_text(d, text):
    for ch in text:
        name = SPECIAL.get(ch, ch)
        keysym = XK.string_to_keysym(name)
        code = d.keysym_to_keycode(keysym)
        shift = code and d.keycode_to_keysym(code, 0) != keysym
        key(d, name, shift)


def main():
    title, answer = sys.argv[1], sys.argv[2]
    d = display.Display()
    deadline = time.time() + 30
    win = None
    while win is None and time.time() < deadline:
        win = find(d.screen().root, d, title)
        if win is None:
            time.sleep(0.2)
    if win is None:
        sys.exit("no dialog titled %r" % title)
    time.sleep(0.5)  # let the dialog finish drawing its name field
    win.set_input_focus(X.RevertToParent, X.CurrentTime)
    d.sync()
    if answer == "--cancel":
        key(d, "Escape")
        return
    # Open the location field, select what it holds (a save dialog's suggested name), and
    # type over it.
    ctrl = d.keysym_to_keycode(XK.string_to_keysym("Control_L"))
    xtest.fake_input(d, X.KeyPress, ctrl)
    key(d, "l")
    key(d, "a")
    xtest.fake_input(d, X.KeyRelease, ctrl)
    d.sync()
    type_text(d, answer)
    # The field looks the typed folder up as it goes; a Return before it has finished can
    # be taken by the lookup instead of opening the file.
    time.sleep(0.5)
    key(d, "Return")


main()
