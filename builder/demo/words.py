"""Word lists for the demo generator: names, places and phrases that read like a real district.

Invented combinations only: no list here names a real person, and addresses carry “示例”.
"""

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = list(
    "秀英桂兰玉珍凤华建国志强海燕晓静丽娟红梅立新文博明辉淑贞德清永生春燕美玲国庆卫东俊杰雪梅金凤振华"
    "宏伟子涵欣怡浩然思远雅琴慧敏家豪婉清佳怡雨桐泽宇嘉怡晨曦乐天安然若楠书瑶景行鸿飞"
)
PLACE = [
    "东风", "西城", "南湖", "北园", "青龙", "白马", "金鸡", "银河", "花园", "柳荫", "桃源", "杏林", "松岭",
    "梧桐", "丁香", "紫薇", "翠竹", "兴隆", "永安", "长乐", "福泰", "康宁", "和平", "建设", "解放", "胜利",
    "新华", "光明", "朝阳", "向阳", "东升", "曙光", "明珠", "锦绣", "枫林", "荷塘", "清河", "泉城", "山水",
    "凤凰", "龙泉", "鹊山", "汇泉", "港沟", "唐冶", "郭店", "遥墙", "临港", "彩石", "董家", "仲宫", "柳埠",
    "高而", "西营", "荷花", "绿洲", "裕丰", "盛世", "祥和", "文昌",
]  # fmt: skip
PINYIN = [
    "dongfeng", "xicheng", "nanhu", "beiyuan", "qinglong", "baima", "jinji", "yinhe", "huayuan", "liuyin",
    "taoyuan", "xinglin", "songling", "wutong", "dingxiang", "ziwei", "cuizhu", "xinglong", "yongan",
    "changle", "futai", "kangning", "heping", "jianshe", "jiefang", "shengli", "xinhua", "guangming",
    "chaoyang", "xiangyang", "dongsheng", "shuguang", "mingzhu", "jinxiu", "fenglin", "hetang", "qinghe",
    "quancheng", "shanshui", "fenghuang", "longquan", "queshan", "huiquan", "ganggou", "tangye", "guodian",
    "yaoqiang", "lingang", "caishi", "dongjia", "zhonggong", "liubu", "gaoer", "xiying", "hehua", "lvzhou",
    "yufeng", "shengshi", "xianghe", "wenchang",
]  # fmt: skip
ESTATE = ["家园", "小区", "花园", "新村", "雅苑", "佳苑", "名邸", "公寓", "里", "宿舍"]
COMMUNITY_SUFFIX = ["社区", "社区", "社区", "社区", "村"]
DEDICATED = [
    ("学校", "中心小学", "师生"),
    ("农贸市场", "农贸市场", "商户和从业人员"),
    ("商务楼宇", "商务楼", "楼宇从业人员"),
    ("医院", "社区卫生服务中心", "医护人员"),
    ("产业园", "智造产业园", "园区职工"),
    ("商业街", "商业街", "沿街商户"),
]
DUTIES = [
    "负责楼栋走访和民情登记",
    "负责老年人和困难家庭的结对联系",
    "负责矛盾纠纷排查和调解",
    "负责安全生产和消防隐患巡查",
    "负责代办服务事项和政策咨询",
    "负责垃圾分类督导和环境整治",
    "负责流动人口登记和出租房屋管理",
]
ROLES_EXTRA = ["party_instructor", "part_time_worker", "building_leader", "unit_leader", "volunteer"]
TEN_ONES = [
    "党组织队伍", "党建指导员", "志愿者队伍", "资源信息库", "党群活动微阵地", "网格议事平台",
    "代办服务事项表", "智慧党建交流载体", "运行制度体系", "经费支出计划",
]  # fmt: skip
SIX_HAVES = ["有党组织", "有服务阵地", "有办事流程", "有公开内容", "有评价指标", "有工作案例"]
EIGHT_HAVES = [
    "有固定场所", "有休息桌凳", "有茶饮供应", "有冷暖设施", "有充电设备", "有阅览书报", "有爱心雨伞", "有应急药箱",
]  # fmt: skip

# (slug, tag, title pattern, paragraphs). Patterns use {community} {grid} {street} {n} {m} {name} {month}.
STORY_TOPICS = [
    (
        "yishi",
        "网格议事",
        "{community}{grid}议事会商定{thing}",
        [
            "{month}，{community}{grid}召开网格议事会，{n} 名居民代表、{m} 名党员和物业代表围坐一桌，"
            "把{thing}的事情摆上桌面商量。",
            "网格员{name}提前一周逐户征求意见，收集到建议 {k} 条，归并成三个方案交会议表决。"
            "表决结果当场公布，并在楼栋公开栏张贴。",
            "议定事项明确了牵头人和完成时限。网格党小组将在下月例会上通报进展，居民有意见可以随时找网格员反映。",
        ],
    ),
    (
        "daiban",
        "代办服务",
        "{street}网格员上门代办{service}",
        [
            "今年以来，{street}把{service}纳入网格代办清单，行动不便的老人不用再跑窗口，"
            "打个电话网格员就上门。",
            "{community}网格员{name}介绍，截至{month}，本网格已上门代办 {n} 件，平均两个工作日办结。"
            "办理进度在网格微信群里随时告知。",
            "街道便民服务中心为网格员开通了预约通道，材料齐全的当天受理。下一步，代办事项将从 {m} 项扩展到更多民生领域。",
        ],
    ),
    (
        "anquan",
        "安全巡查",
        "{community}开展{season}安全隐患大排查",
        [
            "入{season}以来，{community}组织网格员、楼长和志愿者对辖区 {n} 栋楼开展安全隐患排查，"
            "重点查看楼道堆物、电动车充电和燃气使用。",
            "排查中发现并当场整改隐患 {k} 处，对一时无法整改的登记在册、限期解决。网格员{name}说，"
            "老旧小区的问题要一户一户地看。",
            "社区还在党群活动微阵地举办了消防知识讲座，{m} 名居民参加了灭火器使用演练。",
        ],
    ),
    (
        "dangke",
        "党课",
        "{street}“{theme}”主题党课走进网格",
        [
            "{month}，{street}党工委把主题党课开到了{community}{grid}的楼栋里，{n} 名网格党员参加学习。",
            "授课的社区党委书记{name}结合网格里的真事讲“{theme}”，党员们围绕如何在楼栋里亮身份、作表率交流发言。",
            "会后，{m} 名党员认领了为民服务岗位，承诺每月至少走访一次结对家庭。",
        ],
    ),
    (
        "yizhan",
        "爱心驿站",
        "{community}党员爱心驿站服务户外劳动者",
        [
            "走进{community}的党员爱心驿站，饮水机、微波炉、充电插座、应急药箱一应俱全，"
            "环卫工人和快递小哥进门就能歇歇脚。",
            "驿站依托党员经营的店铺设立，每天开放约 {k} 个小时。店主{name}说，{month}以来已接待 {n} 人次。",
            "社区计划在年内再建 {m} 处驿站，让户外劳动者在辖区内步行十分钟就能找到一处。",
        ],
    ),
    (
        "zhiyuan",
        "志愿服务",
        "{community}志愿服务队开展{service_kind}活动",
        [
            "{month}的一个周末，{community}志愿服务队在社区广场开展{service_kind}活动，吸引了 {n} 名居民参加。",
            "活动采取“社区点单、联盟下单、单位接单”的方式组织，共建单位派出 {m} 名党员志愿者。"
            "网格员{name}提前把需求登记在册。",
            "活动结束后，志愿者把没能到场的 {k} 户老人的需求逐一登记，安排下周上门服务。",
        ],
    ),
]
THINGS = [
    "楼道堆物清理",
    "电动车集中充电棚建设",
    "小区停车位划线",
    "公共收益使用",
    "加装电梯",
    "健身器材更新",
]
SERVICES = ["养老资格认证", "残疾人证换领", "居住证办理", "高龄津贴申请", "医保参保登记", "低保年审"]
SERVICE_KINDS = ["义诊", "法律咨询", "家电维修", "理发", "反诈宣传", "四点半课堂"]
THEMES = ["网格连民心", "亮身份、树形象", "党员在身边", "基层治理的楼栋经验"]
SEASONS = ["冬", "春", "夏", "秋"]
EXTRA_TAGS = ["老旧小区改造", "适老化", "垃圾分类", "物业党建", "共建单位", "四点半课堂", "红色物业"]

POSTING_KINDS = {
    "party": [
        ("fazhan", "中共{scope}委员会关于确定发展对象的公示", "经党小组推荐、支部委员会研究，拟将 {n} 名入党积极分子确定为发展对象。"),
        ("pingxing", "{scope}基层党组织评星定级初评结果公示", "经自评、群众评议和街道审核，{scope}初评结果如下，共评定 {n} 个党组织。"),
        ("xianjin", "{scope}优秀共产党员推荐人选公示", "经各网格党小组推荐，拟推荐 {n} 名同志为优秀共产党员人选。"),
    ],
    "residents": [
        ("dianti", "{scope}加装电梯项目意见征询结果公示", "{scope}加装电梯项目共征询 {n} 户居民意见，同意户数达到规定比例。"),
        ("dibao", "{scope}最低生活保障审核情况公示", "经入户调查和民主评议，{scope}本期拟新增保障对象 {n} 户。"),
        ("gaizao", "{scope}老旧小区改造项目公示", "{scope}老旧小区改造项目涉及 {n} 栋楼，改造内容包括屋面防水、管网更新和加装照明。"),
    ],
    "finance": [
        ("caiwu", "{scope}{month}财务收支公示", "现将{scope}{month}经费收支情况公示如下，各项支出均经“两委”会议研究。"),
    ],
}  # fmt: skip

# Events (content/events/): what a street or community runs, in the words its notices use.
# (slug, kind, title pattern, description). Patterns use {street} {community} {n} {thing} {service_kind}.
FAIR_STALLS = [
    "社保、医保、户籍咨询和现场办理",
    "健康义诊、测血压血糖",
    "就业创业政策和招聘岗位推介",
    "食品药品安全知识普及",
    "防范电信诈骗和金融理财知识",
    "公益项目推介和志愿者招募",
    "法律咨询和矛盾纠纷调解",
    "家电小修、磨剪子、理发",
    "教育培训和托管服务咨询",
]
FAIR_TITLES = [
    "{street}“为民服务零距离”便民服务大集",
    "{street}党建聚力惠民生服务大集",
    "{street}家门口服务大集",
]
MEETING_TITLE = "{community}{grid}议事会"
TEA = (
    "tea",
    "{community}睦邻茶话会",
    "邻居们坐下来喝喝茶、拉拉家常，网格员在场听取大家对{thing}的意见建议。",
)
CLINIC = (
    "clinic",
    "{community}家门口义诊",
    "社区卫生服务中心的医生到社区坐诊：测血压血糖、用药咨询、慢病随访，{n} 岁以上老人可免费测骨密度。",
)
WEEKLY_REPEATS = ["每周三", "每周二和周四", "隔周周六", "每周五", "每月1日、15日", "每两周周三"]
ONE_OFF = [
    ("dangke", "lecture", "{community}主题党课：{theme}", "社区党委书记结合网格里的真事讲党课，欢迎居民旁听。"),
    ("wenyi", "culture", "{community}邻里文艺汇演", "居民自编自演的合唱、广场舞、快板和戏曲，共建单位的文艺骨干一同登台。"),
    ("xuanchuan", "volunteer", "{community}{service_kind}进楼院", "志愿者把{service_kind}服务送到楼下，行动不便的老人可以预约上门。"),
    ("fangzha", "lecture", "{community}防范电信诈骗讲座", "民警讲最近常见的骗局，教大家识别冒充客服、刷单返利和“保健品”骗局。"),
    ("jiankang", "clinic", "{community}健康知识讲座", "社区医生讲冬季常见病预防和家庭用药，现场免费测血压。"),
    ("dangri", "party-day", "{community}主题党日活动", "网格党员亮身份、认岗位，清理楼道杂物，走访结对的困难家庭。"),
]  # fmt: skip
CANCEL_REASONS = [
    "当天有大风降温天气，为安全起见取消，下次活动时间另行通知",
    "活动场地临时用于防汛物资存放，本次取消，给大家带来不便请谅解",
    "社区党群服务中心当天停电检修，本次取消，改期后在公开栏和网格群通知",
]
POSTPONE_REASONS = [
    "与街道集中宣传活动时间冲突，延期举办，新日期在公开栏公示",
    "预报当天有雨雪，延期到天气转好后举办，具体时间网格员会逐户通知",
]
VOLUNTEER_WEEK = (
    "{street}“党员进网格”志愿服务周",
    "在职党员按报到社区分组进网格：入户走访独居老人、清理楼道杂物、帮居民检查燃气软管。"
    "每天上午 9 点在各社区党群服务中心集合分组。",
)
