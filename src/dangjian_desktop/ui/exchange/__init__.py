"""与乡镇交换 (设置 → 与乡镇交换): the village's side of the exchange with the township on a USB stick — the
branch's code and key, 上报数据到乡镇…, 导入乡镇的答复…, the township's decisions, and loading a whole branch
onto this PC. The work is done by ``services.exchange``; these files only ask and say."""
