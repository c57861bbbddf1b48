"""Ask an X11 window to close the way a window manager's close button does: an ICCCM
WM_DELETE_WINDOW client message (needs no window manager). Usage: close_window.py WM_CLASS"""
import sys
import time

from Xlib import X, display, protocol


def find(node, wm_class):
    try:
        cls = node.get_wm_class()
    except Exception:
        cls = None
    if cls and wm_class in cls and node.get_attributes().map_state == X.IsViewable:
        return node
    for child in node.query_tree().children:
        found = find(child, wm_class)
        if found:
            return found
    return None


def main():
    d = display.Display()
    deadline = time.time() + 20
    win = None
    while win is None and time.time() < deadline:
        win = find(d.screen().root, sys.argv[1])
        if win is None:
            time.sleep(0.2)
    if win is None:
        sys.exit("no window of class %s" % sys.argv[1])
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    event = protocol.event.ClientMessage(
        window=win, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
    )
    win.send_event(event)
    d.flush()


main()
