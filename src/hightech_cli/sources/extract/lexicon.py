"""Words extraction recognises names by: places, legal forms, roles, and the verbs of events,
quotes and investments. Data only."""

from __future__ import annotations

from typing import Final


def words(text: str) -> tuple[str, ...]:
    """The words of a space-separated list, in order."""
    return tuple(text.split())


def longest_first(items: tuple[str, ...]) -> tuple[str, ...]:
    """Words ordered so that one that begins another is tried after it."""
    return tuple(sorted(set(items), key=len, reverse=True))


# Provinces, big cities and countries that begin legal names (青岛…有限公司, 新加坡…集团).
PLACES: Final = longest_first(
    words(
        "中国 北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 "
        "河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 "
        "新疆 香港 澳门 青岛 济南 烟台 潍坊 淄博 威海 临沂 济宁 泰安 日照 东营 德州 聊城 滨州 "
        "菏泽 枣庄 苏州 南京 无锡 常州 南通 扬州 镇江 徐州 盐城 泰州 连云港 淮安 宿迁 杭州 "
        "宁波 温州 嘉兴 湖州 绍兴 金华 台州 舟山 合肥 芜湖 蚌埠 马鞍山 安庆 滁州 阜阳 福州 "
        "厦门 泉州 漳州 南昌 赣州 郑州 洛阳 武汉 宜昌 襄阳 长沙 株洲 湘潭 广州 深圳 珠海 佛山 "
        "东莞 中山 惠州 汕头 江门 湛江 南宁 柳州 桂林 海口 三亚 成都 绵阳 德阳 宜宾 贵阳 遵义 "
        "昆明 西安 咸阳 宝鸡 兰州 西宁 银川 乌鲁木齐 呼和浩特 包头 沈阳 大连 长春 哈尔滨 "
        "石家庄 保定 唐山 太原 雄安 新加坡 日本 韩国 美国 德国 英国 法国 意大利 瑞士 瑞典 荷兰 "
        "丹麦 芬兰 挪威 比利时 奥地利 西班牙 加拿大 澳大利亚 以色列 印度 俄罗斯 新西兰 卢森堡 "
        "爱尔兰"
    )
)


LEGAL_FORMS: Final = words(
    "集团股份有限公司 集团有限责任公司 集团有限公司 股份有限公司 有限责任公司 有限公司 "
    "株式会社 股份公司 集团公司 控股集团 集团 合伙企业（有限合伙） 合伙企业(有限合伙)"
)

# What short company names and brands end with (德昌电机, 海尔生物, 芯途微电子).
COMPANY_ENDINGS: Final = words(
    "科技 生物 医疗 医药 药业 制药 智能 股份 集团 电子 微电子 汽车 新能源 能源 电机 汽配 "
    "控股 半导体 机器人 材料 新材 光电 精工 环境 信息 软件 网络 通信 装备 重工 机械 化工 "
    "传动 动力 技术 电气 电力 光学 光子 芯片 微电 数码 数据 云 健康 海工 零部件 精密 制造 "
    "实业 工业 航空 航天 船舶 物流 食品 纺织 电池 储能 激光 测控 仪器 设备 新材料 光伏 "
    "风电 氢能 环保 检测 基因 诊断 器械 微纳 光谷 创新 智控 智造 智联 数科 互联 机电"
)

# Roles that are degrees (某某大学博士): the body before one is where it was taken, not one the
# holder works or speaks for.
DEGREES: Final = words("博士 硕士")

ORG_ENDINGS: Final = words(
    "管理委员会 管委会 委员会 人民政府 政府 发展和改革局 发展和改革委员会 科技和工业信息化局 "
    "工业和信息化局 工业和信息化厅 人力资源和社会保障局 住房和城乡建设局 文化和旅游局 "
    "商务和投资促进局 局 厅 办公室 大学 学院 研究院 "
    "研究所 实验室 银行 分行 支行 基金会 基金 协会 商会 联合会 联盟 联合体 中心 医院 "
    "科学院 工程院 海关 交易所 工作站 支队 大队 总队 分局 派出所 科创谷 孵化器 众创空间"
)

# National bodies named as they are, whose names no ending of ORG_ENDINGS makes out (部 alone
# ends a company's department too): ministries, regulators, exchanges.
NATIONAL_BODIES: Final = longest_first(
    words(
        "国务院 科学技术部 科技部 工业和信息化部 工信部 国家发展和改革委员会 国家发展改革委 "
        "国家发改委 商务部 财政部 教育部 人力资源和社会保障部 人社部 自然资源部 生态环境部 "
        "交通运输部 农业农村部 "
        "水利部 文化和旅游部 国家卫生健康委员会 国家卫健委 国家市场监督管理总局 国家市场监管总局 "
        "国家知识产权局 国家药品监督管理局 国家药监局 国家税务总局 海关总署 国家统计局 国家能源局 "
        "国务院国资委 中国人民银行 中国证券监督管理委员会 中国证监会 证监会 上海证券交易所 上交所 "
        "深圳证券交易所 深交所 北京证券交易所 北交所 香港交易所 港交所"
    )
)

ZONE_ENDINGS: Final = words(
    "高新技术产业开发区 经济技术开发区 高新技术开发区 新技术开发区 高新区 经开区 开发区 "
    "工业园区 化工园区 新区 自贸片区 自贸区 科技城 科学城 高新城 科技园 软件园 综合保税区 "
    "综保区 保税区 经济区 金融区 知识城 航空港区 合作区 示范区 试验区"
)

ROLES: Final = longest_first(
    words(
        "董事长 副董事长 总经理 副总经理 首席执行官 首席技术官 首席科学家 执行总裁 总裁 副总裁 "
        "总监 技术总监 研发总监 财务总监 经理 项目经理 财务经理 销售经理 厂长 主任 副主任 书记 "
        "党工委书记 局长 副局长 处长 科长 院长 副院长 所长 副所长 校长 教授 研究员 工程师 "
        "总工程师 负责人 相关负责人 创始人 联合创始人 合伙人 主席 副主席 秘书长 部长 区长 "
        "副区长 市长 副市长 县长 代表 中国区代表 博士 专家 首席 主管 总工 董事 监事 会长 "
        "常务副主任 CEO CTO 经理助理 工作人员 记者 通讯员 特约通讯员 本报记者 社长 理事长 "
        "行长 首席运营官 首席财务官 执行董事 常务副总经理 院士 法人代表 法定代表人 总代表 首席代表 "
        "代表取缔役 取缔役 代表取缔役社长"  # a Japanese company's director and its head
    )
)


SPEECH_VERBS: Final = words(
    "笑着说 感慨地说 告诉记者 对记者说 表示 介绍说 介绍 坦言 指出 认为 强调 透露 说道 称 "
    "谈到 提到 说 补充道 感慨 回忆 直言"
)

# Verbs of making that name what they make after a figure (提出12条政策, 新建两条产线).
MAKING_VERBS: Final = words(
    "提出 新建 建成 建设 引进 引育 培育 设立 组建 出台 推出 发布 制定 打造 开设 新增 搭建"
)

EVENT_VERBS: Final = words(
    "出台 投入使用 投入运营 开通 通车 上市 挂牌成立 "
    "签约 签署 开工 投产 竣工 落户 落地 成立 揭牌 启用 开业 举行 举办 召开 发布 获批 上线 "
    "启动 开幕 通线 封顶 奠基 入选 认定 达产 运行 投用 交付 下线 亮相 设立 组建 建成 完成 "
    "印发 实施 施行 有效期至 挂牌 开园 试产 点火 首发 获评 授牌 正式 共建 搬进 搬入 迁入 入驻 "
    "推出 研制出 做出 搬迁 进场 取得 签下 签订 动工 创立 创办 建立 完成注册 "
    # 创业, 通过, 上市, 毕业 and 出生 only as ``assemble.event_verb`` reads them
    "量产 察看 考察 调研 走访 参观 离职 辞职 辞去 创业 通过 毕业 提拔为 升任 出任 晋升为 "
    "出生 拿下 实现盈利 扭亏为盈 始建 考入 试生产 迁至 入园 担任 下水"
)

# Words that open brackets giving a sum again in another currency (5亿美元（约合人民币35.6亿元）).
CONVERTING: Final = "约合|折合|合|约|相当于"

PROJECT_ENDINGS: Final = words(
    "项目 基地 产业园 工厂 厂房 生产线 产线 封装线 装配线 组装线 测试线 封测线 中试线 示范线 "
    "试验线 测试场 试验场 总部 研究院 研发中心 中心 平台 园区 工程 车间 枢纽 综合体"
)

PROJECT_STATUS: Final = words(
    "签约启用 成功落地 落地 签约 开工 投产 竣工 落户 启用 达产 奠基 开业 开园 通线 封顶 建成 "
    "试产 投用 在建 技术攻关 试运行 投入运营 投入使用 上线"
)

POLICY_ENDINGS: Final = words(
    "一件事 贷 计划 工程 行动 平台 机制 模式 体系 政策 品牌 服务 专项 改革 制 卡 码 通 办 "
    "联盟 联合体 基金 措施 办法 方案 条 链 站 港 城 汇 行动计划 专员 即开工 一次办"
)

# Endings that make a quoted name a policy, service or platform on their own.
POLICY_STRONG: Final = words(
    "一件事 贷 计划 工程 行动 专项 品牌 平台 机制 模式 体系 政策 卡 码 券 即开工 一次办 "
    "行动计划 联盟 联合体 改革"
)

POLICY_NOUNS: Final = words(
    "服务品牌 服务平台 审批模式 服务模式 工作机制 保障机制 机制 模式 平台 体系 政策 品牌 "
    "服务 改革 计划 工程 行动 专项 方案 制度 产品 贷款 基金 联盟 系统"
)

POLICY_VERBS: Final = words(
    "推出 推行 实施 出台 打造 构建 建立 上线 启动 创新 推广 开展 设立 实行 印发 发布 搭建 "
    "组建 成立 开通 依托 通过 实现 深化 推动 配备 落实 推进 发放 用好 开设 创设"
)

# Common surnames: a candidate personal name must begin with one.
SURNAMES: Final = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程"
    "魏苏吕丁任沈姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚"
    "邵万钱严覃武戚莫孔向常汤康易乔赖文施洪辛柯庄葛季单聂尚褚俞翟甘齐鲁宁池栾佟鞠滕牛付焦祁裴"
    "卓蒙骆盛詹欧米兰闫殷凌伍申柴岳车喻宫路靳安包左关房麦舒童颜祝游符纪温穆邢应柏"
)
COMPOUND_SURNAMES: Final = words(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 鲜于 端木 司徒 令狐 宇文 长孙 夏侯 轩辕 "
    "澹台 南宫 独孤 申屠 闻人 呼延 百里 东郭 钟离 太史 万俟"
)
# Japanese family names of two characters (佐藤健一): a name of three or four in all.
JAPANESE_SURNAMES: Final = (
    "佐藤", "铃木", "高桥", "田中", "伊藤", "渡边", "山本", "中村", "小林", "加藤", "吉田",
    "山田", "佐佐木", "山口", "松本", "井上", "木村", "斋藤", "清水", "山崎", "森田", "池田",
    "桥本", "石川", "前田", "藤田", "后藤", "冈田", "长谷川", "村上", "近藤", "坂本", "远藤",
    "青木", "西村", "福田",
)  # fmt: skip
