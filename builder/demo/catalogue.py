"""The demo's service catalogue: a small two-level list of real kinds of community services."""

CATEGORIES = [
    {"id": "shebao", "name": "社会保障", "children": [{"id": "shebao-yl", "name": "养老保险"}, {"id": "shebao-jz", "name": "社会救助"}]},
    {"id": "laonian", "name": "老年服务", "children": [{"id": "laonian-bt", "name": "津贴与优待"}, {"id": "laonian-jj", "name": "居家养老"}]},
    {"id": "huji", "name": "户籍证件", "children": [{"id": "huji-zj", "name": "证件办理"}]},
    {"id": "jiuye", "name": "就业创业", "children": [{"id": "jiuye-dj", "name": "就业登记与补贴"}]},
]  # fmt: skip

_WINDOW = "街道便民服务中心综合窗口"
_HOURS = "工作日 9:00—12:00，13:30—17:00"


def _item(id_, name, category, summary, who, documents, on_behalf=True):
    return {
        "id": id_,
        "name": name,
        "category": category,
        "summary": summary,
        "where": _WINDOW,
        "hours": _HOURS,
        "contact": "0531-88990001",
        "who": who,
        "steps": [
            "向网格员或社区窗口说明事项",
            "网格员协助准备材料",
            "窗口受理并告知办理时限",
            "办结后由网格员通知本人",
        ],
        "documents": documents,
        "on_behalf": on_behalf,
    }


SERVICE_ITEMS = [
    _item("yanglao-renzheng", "养老保险待遇资格认证", "shebao-yl", "领取养老金的老人每年认证一次，可预约上门。", "领取城乡居民养老金的人员", ["本人身份证"]),
    _item("yanglao-canbao", "城乡居民养老保险参保登记", "shebao-yl", "未参加职工养老保险的居民可参保。", "本区户籍居民", ["身份证", "户口簿"]),
    _item("dibao-shenqing", "最低生活保障申请", "shebao-jz", "家庭收入低于低保标准的可申请。", "符合条件的困难家庭", ["申请书", "户口簿", "收入说明"]),
    _item("linshi-jiuzhu", "临时救助申请", "shebao-jz", "突发困难家庭可申请临时救助。", "遭遇突发困难的家庭", ["申请书", "相关证明"]),
    _item("gaoling-jintie", "高龄津贴申请", "laonian-bt", "80 周岁以上老人按月领取高龄津贴。", "年满 80 周岁的本区户籍老人", ["身份证", "银行卡"]),
    _item("laonian-youdai", "老年人优待证办理", "laonian-bt", "60 周岁以上老人可办理优待证。", "年满 60 周岁的老人", ["身份证", "一寸照片"]),
    _item("zhucan-fuwu", "老年助餐服务登记", "laonian-jj", "社区助餐点为老人提供午餐，可送餐上门。", "60 周岁以上老人", ["身份证"]),
    _item("jujia-yanglao", "居家养老服务申请", "laonian-jj", "失能、半失能老人可申请居家养老服务。", "经评估符合条件的老人", ["身份证", "评估表"]),
    _item("juzhuzheng", "居住证办理", "huji-zj", "在本区居住半年以上的非本地户籍人员可办理。", "非本区户籍常住人员", ["身份证", "居住证明"], False),
    _item("canjiren-zheng", "残疾人证办理与换领", "huji-zj", "残疾人证到期换领可由网格员代办。", "持证残疾人及家属", ["身份证", "旧证", "照片"]),
    _item("jiuye-dengji", "就业失业登记", "jiuye-dj", "失业人员登记后可享受就业服务。", "法定劳动年龄内的失业人员", ["身份证"]),
    _item("linghuo-butie", "灵活就业社保补贴", "jiuye-dj", "符合条件的灵活就业人员可申领补贴。", "就业困难人员", ["身份证", "缴费凭证"]),
]  # fmt: skip
