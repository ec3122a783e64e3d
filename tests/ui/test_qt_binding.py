"""The Qt binding must survive a day of signals: PySide6 6.12.0 on Python 3.11 drops a reference to
emit()'s return value (True/False) on every emit and aborts the program after a few thousand."""

import subprocess
import sys
import textwrap


def test_many_signal_emits_do_not_crash_the_process():
    code = textwrap.dedent("""
        from PySide6.QtCore import QCoreApplication, QObject, Signal
        app = QCoreApplication([])
        class A(QObject):
            flag = Signal(bool)
            pair = Signal(object, object)
        a = A()
        for _ in range(50_000):
            a.flag.emit(True)
            a.pair.emit(None, None)
        print("survived")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "survived", out.stderr[-500:]
