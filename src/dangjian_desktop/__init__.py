"""党建台账桌面版: an offline ledger for the secretary of a village Party branch."""

__version__ = "0.1.0"
APP_NAME = "dangjian-desktop"
