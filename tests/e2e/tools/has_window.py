"""Exit 0 once a viewable X11 window of class WM_CLASS exists (within 20 s), else 1.
Usage: has_window.py WM_CLASS"""
import sys
import time

from Xlib import X, display


def find(node, wm_class):
    try:
        cls = node.get_wm_class()
        viewable = node.get_attributes().map_state == X.IsViewable
    except Exception:
        cls, viewable = None, False
    if cls and wm_class in cls and viewable:
        return True
    try:
        children = node.query_tree().children
    except Exception:
        children = []
    return any(find(c, wm_class) for c in children)


d = display.Display()
deadline = time.time() + 20
while time.time() < deadline:
    if find(d.screen().root, sys.argv[1]):
        sys.exit(0)
    time.sleep(0.2)
sys.exit(1)
