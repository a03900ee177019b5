#!/usr/bin/env python3
"""Build corpus/encodings/ from the UTF-8 seeds: the encodings notices really come in.

For seeds 001 and 004:
  NAME.gbk.txt       GBK (Python's "gbk" codec)
  NAME.gb18030.txt   GB18030
  NAME.utf16le.txt   UTF-16LE with a byte-order mark
and for seed 001 only:
  NAME.gb2312.html   a page declaring <meta charset="gb2312"> (GBK bytes), laid out the way
                     provincial government sites serve notices (see page() below).

GBK cannot represent U+00A0 (NO-BREAK SPACE), which both seeds use on blank and indented lines,
so the GBK copies carry U+0020 there, as a GBK-saving editor writes them; that is the only
difference from the seed. GB18030 represents every character (U+00A0 is the four-byte sequence
81 30 84 32), so the GB18030 copies decode back to the seed exactly and differ from the GBK copies
exactly where the seed has U+00A0. The script prints these differences.

Run from anywhere:  python3 scripts/make-encoded-copies.py
Deterministic: running it twice gives identical files.
"""

import html
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
OUT = ROOT / "corpus" / "encodings"
NAMES = ["001_a6818095697d7a7c", "004_1fa6e42cb493e32d"]
PAGE_SEED = "001_a6818095697d7a7c"

NBSP = "\u00a0"


def gbk_representable(text: str) -> str:
    """The seed as a GBK editor saves it: U+00A0 becomes U+0020; anything else unrepresentable
    is an error (there is none in these seeds)."""
    return text.replace(NBSP, " ")


def encodable(c: str, codec: str) -> bool:
    try:
        c.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def write(path: pathlib.Path, data: bytes) -> None:
    path.write_bytes(data)
    print(f"wrote {path.relative_to(ROOT)} ({len(data)} bytes)")


def is_ideograph(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def wrap_source(text: str, width: int = 60) -> str:
    """Break a long paragraph in the HTML source the way CMS editors do, but only between two
    ideographs, where a browser (CSS Text 3) shows no space: the rendered text is unchanged."""
    out = []
    since_break = 0
    for i, c in enumerate(text):
        out.append(c)
        since_break += 1
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if since_break >= width and is_ideograph(c) and is_ideograph(nxt):
            out.append("\n")
            since_break = 0
    return "".join(out)


HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_2 = re.compile(r"^（[一二三四五六七八九十]+）")
ITEM = re.compile(r"^\d+．")


def paragraph(line: str) -> str:
    """One notice line as the TRS editor emits it: headings bold, the lead sentence of a
    numbered section in 楷体, body text indented with two full-width spaces (U+3000), which a
    reader must trim, the signature right-aligned with &nbsp; padding."""
    text = line.strip()
    if not text:
        return "<p>&nbsp;</p>"

    def esc(s: str) -> str:
        # GBK has no U+00A0: the editor writes the slogan spaces ("皖美制造 畅行全球") as &nbsp;.
        return html.escape(s, quote=False).replace(NBSP, "&nbsp;")

    if HEADING_1.match(text):
        return f"<p style=\"text-indent:2em\"><strong>{esc(text)}</strong></p>"
    if text == "安徽省专精特新中小企业倍增行动方案":
        return f"<p style=\"text-align:center\"><strong><font size=\"4\">{esc(text)}</font></strong></p>"
    if text in ("安徽省人民政府办公厅", "2022年2月17日"):
        return f"<p style=\"text-align:right\">{esc(text)}&nbsp;&nbsp;&nbsp;&nbsp;</p>"
    if HEADING_2.match(text) or ITEM.match(text):
        lead, sep, rest = text.partition("。")
        if sep:
            return (
                f"<p>\u3000\u3000<span style=\"font-family:楷体_GB2312\">{esc(lead + sep)}</span>"
                f"{esc(wrap_source(rest))}</p>"
            )
    return f"<p>\u3000\u3000{esc(wrap_source(text))}</p>"


def page(seed_text: str) -> str:
    """A provincial government notice page: header with logo and site name, navigation menu,
    breadcrumbs, scripts, a metadata table outside the content, the notice in div.TRS_Editor
    inside div#zoom, font-size and print/close tools, share buttons, related links, footer.

    The page furniture is invented for the test. The metadata table carries only what seed 001
    states (issuer, date, and the title its first lines imply); 索引号 and 文号 are left blank
    because the seed does not give them, and a reader must not invent a value for a blank cell.
    """
    body = "\n".join(paragraph(line) for line in seed_text.split("\n") if line != "")
    title = "安徽省人民政府办公厅关于印发安徽省专精特新中小企业倍增行动方案的通知"
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="gb2312">
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}_政策文件_安徽省人民政府</title>
<meta name="SiteName" content="安徽省人民政府">
<meta name="ColumnName" content="政策文件">
<meta name="ArticleTitle" content="{title}">
<meta name="ContentSource" content="安徽省人民政府办公厅">
<link rel="stylesheet" type="text/css" href="/images/common.css">
<style type="text/css">
  .TRS_Editor p {{ line-height: 2; font-size: 16px; }}
  .wztit {{ text-align: center; }} /* 文章标题 */
</style>
<script type="text/javascript" src="/js/jquery-1.11.3.min.js"></script>
<script type="text/javascript">
  var _hmt = _hmt || [];
  document.write("<div class='tip'>您正在访问安徽省人民政府门户网站</div>");
</script>
</head>
<body>
<div class="header">
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="安徽省人民政府"></a><span class="site-name">安徽省人民政府</span></div>
  <div class="top-links"><a href="/wza/">无障碍</a> | <a href="/zzms/">长者模式</a> | <a href="/en/">English</a></div>
  <form class="search" action="/search/"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/ywdt/">要闻动态</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/zjah/">走进安徽</a></li>
  </ul>
</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政策文件</a></div>
<div class="wrap">
  <div class="xxgk_info">
    <table class="table_suoyin" width="100%" border="0" cellspacing="0" cellpadding="0">
      <tr>
        <th width="12%">索&nbsp;引&nbsp;号：</th><td width="38%"></td>
        <th width="12%">发布机构：</th><td width="38%">安徽省人民政府办公厅</td>
      </tr>
      <tr>
        <th>标　　题：</th><td colspan="3">{title}</td>
      </tr>
      <tr>
        <th>文　　号：</th><td></td>
        <th>成文日期：</th><td>2022-02-17</td>
      </tr>
    </table>
  </div>
  <div class="article">
    <h1 class="wztit">{title}</h1>
    <div class="wzinfo">
      <span>来源：安徽省人民政府办公厅</span>
      <span class="font-size">字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span>
      <a href="javascript:window.print()">打印本页</a>
    </div>
    <div id="zoom">
      <script type="text/javascript">function doZoom(size) {{ document.getElementById("zoom").style.fontSize = size + "px"; }}</script>
      <div class="TRS_Editor">
<!--<$[信息内容]>begin-->
{body}
<!--<$[信息内容]>end-->
      </div>
    </div>
    <div class="share bdsharebuttonbox">分享到：<a class="bds_weixin" data-cmd="weixin">微信</a> <a class="bds_tsina" data-cmd="tsina">微博</a> <a class="bds_qzone" data-cmd="qzone">QQ空间</a></div>
    <div class="wz-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
    <div class="xglj">
      <h3>相关链接</h3>
      <ul>
        <li><a href="/zwgk/zcwj/1.html">安徽省人民政府关于进一步推进中小企业“专精特新”发展的意见</a></li>
        <li><a href="/zwgk/zcwj/2.html">安徽省“十四五”中小企业发展规划</a></li>
      </ul>
    </div>
  </div>
</div>
<div class="footer">
  <p><a href="/about/">关于我们</a> | <a href="/map/">网站地图</a> | <a href="/contact/">联系我们</a></p>
  <p>主办单位：安徽省人民政府办公厅&nbsp;&nbsp;承办单位：安徽省数据资源管理局</p>
  <p>备案号：皖ICP备00000000号（示例）&nbsp;&nbsp;网站标识码：0000000000（示例）</p>
</div>
<script type="text/javascript">window._bd_share_config = {{ "common": {{ "bdText": "分享" }} }};</script>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
        gbk = gbk_representable(text).encode("gbk")
        gb18030 = text.encode("gb18030")
        write(OUT / f"{name}.gbk.txt", gbk)
        write(OUT / f"{name}.gb18030.txt", gb18030)
        write(OUT / f"{name}.utf16le.txt", b"\xff\xfe" + text.encode("utf-16-le"))
        outside_gbk = sorted({f"U+{ord(c):04X}" for c in text if not encodable(c, "gbk")})
        print(
            f"  {name}: GB18030 copy {'equals' if gb18030 == gbk else 'differs from'} the GBK copy; "
            f"{text.count(NBSP)} U+00A0 (outside GBK: {', '.join(outside_gbk) or 'none'})"
        )
        if name == PAGE_SEED:
            write(OUT / f"{name}.gb2312.html", page(text).encode("gbk"))


if __name__ == "__main__":
    main()
