# A stand-in kwalletd6 on the session bus (KWallet itself is not installed on the test
# machines): one open wallet "kdewallet" kept in memory, answering the org.kde.KWallet
# methods Chromium 156 calls when it stores its password (isEnabled, networkWallet,
# openAsync + walletAsyncOpened, hasFolder, createFolder, writePassword, close; recorded
# with dbus-monitor) and those crumbs calls to read it (isOpen, open, readPassword).
import sys
import dbus, dbus.service, dbus.mainloop.glib
from gi.repository import GLib

IFACE = "org.kde.KWallet"
HANDLE = 7


class Wallet(dbus.service.Object):
    def __init__(self, bus):
        super().__init__(bus, "/modules/kwalletd6")
        self.folders = {}

    @dbus.service.method(IFACE, in_signature="", out_signature="b")
    def isEnabled(self):
        return True

    @dbus.service.method(IFACE, in_signature="", out_signature="s")
    def networkWallet(self):
        return "kdewallet"

    @dbus.service.method(IFACE, in_signature="s", out_signature="b")
    def isOpen(self, wallet):
        return True

    @dbus.service.method(IFACE, in_signature="sxs", out_signature="i")
    def open(self, wallet, wid, appid):
        return HANDLE

    @dbus.service.method(IFACE, in_signature="sxsb", out_signature="i")
    def openAsync(self, wallet, wid, appid, handle_session):
        GLib.idle_add(lambda: self.walletAsyncOpened(1, HANDLE) and False)
        return 1

    @dbus.service.signal(IFACE, signature="ii")
    def walletAsyncOpened(self, tid, handle):
        pass

    @dbus.service.method(IFACE, in_signature="ibs", out_signature="i")
    def close(self, handle, force, appid):
        return 0

    @dbus.service.method(IFACE, in_signature="iss", out_signature="b")
    def hasFolder(self, handle, folder, appid):
        return folder in self.folders

    @dbus.service.method(IFACE, in_signature="iss", out_signature="b")
    def createFolder(self, handle, folder, appid):
        self.folders.setdefault(folder, {})
        return True

    @dbus.service.method(IFACE, in_signature="isss", out_signature="b")
    def hasEntry(self, handle, folder, key, appid):
        return key in self.folders.get(folder, {})

    @dbus.service.method(IFACE, in_signature="isss", out_signature="s")
    def readPassword(self, handle, folder, key, appid):
        return self.folders.get(folder, {}).get(key, "")

    @dbus.service.method(IFACE, in_signature="issss", out_signature="i")
    def writePassword(self, handle, folder, key, value, appid):
        self.folders.setdefault(folder, {})[key] = value
        return 0


dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
bus = dbus.SessionBus()
name = dbus.service.BusName("org.kde.kwalletd6", bus)
wallet = Wallet(bus)
open(sys.argv[1], "w").close()
GLib.MainLoop().run()
