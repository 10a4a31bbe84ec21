"""Plausible Chinese demo customers (an automotive starter/alternator maker's customer files).

Every customer is generated from its own random stream seeded by (seed, number), so customer
KH00042 is the same whatever the count: ``generate_customers(20000)`` starts with the 200
customers of ``generate_customers(200)``. ``load_demo`` skips codes already in the data file,
so running it twice stores nothing the second time, and a bigger count only adds the rest.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from app.models import Customer, CustomerStatus, CustomerType
from app.services import customer_service
from app.services.customer_service import ContactData, CustomerData, ProductData, VolumeData

CODE_PREFIX = "KH"
CODE_DIGITS = 5  # KH00001 … KH99999 sort correctly as text, also in a 20,000-customer list


def demo_code(number: int) -> str:
    return f"{CODE_PREFIX}{number:0{CODE_DIGITS}d}"


@dataclass(frozen=True)
class _City:
    province: str
    city: str
    districts: tuple[str, ...]
    area_code: str


_CITIES = (
    _City("吉林省", "长春市", ("绿园区", "朝阳区", "汽车经济技术开发区"), "0431"),
    _City("湖北省", "十堰市", ("张湾区", "茅箭区"), "0719"),
    _City("湖北省", "武汉市", ("汉阳区", "蔡甸区", "江夏区"), "027"),
    _City("湖北省", "襄阳市", ("高新区", "樊城区"), "0710"),
    _City("山东省", "济南市", ("历城区", "章丘区", "槐荫区"), "0531"),
    _City("山东省", "潍坊市", ("奎文区", "潍城区"), "0536"),
    _City("山东省", "聊城市", ("东昌府区", "开发区"), "0635"),
    _City("广西壮族自治区", "柳州市", ("柳南区", "柳北区", "鱼峰区"), "0772"),
    _City("安徽省", "合肥市", ("包河区", "蜀山区", "肥西县"), "0551"),
    _City("安徽省", "芜湖市", ("鸠江区", "弋江区"), "0553"),
    _City("重庆市", "重庆市", ("渝北区", "九龙坡区", "两江新区"), "023"),
    _City("上海市", "上海市", ("嘉定区", "浦东新区", "松江区"), "021"),
    _City("北京市", "北京市", ("顺义区", "大兴区", "昌平区"), "010"),
    _City("天津市", "天津市", ("西青区", "东丽区"), "022"),
    _City("江苏省", "南京市", ("江宁区", "浦口区"), "025"),
    _City("江苏省", "常州市", ("武进区", "新北区"), "0519"),
    _City("江苏省", "扬州市", ("邗江区", "江都区"), "0514"),
    _City("浙江省", "杭州市", ("余杭区", "萧山区", "临平区"), "0571"),
    _City("浙江省", "台州市", ("黄岩区", "路桥区", "椒江区"), "0576"),
    _City("浙江省", "温州市", ("鹿城区", "龙湾区"), "0577"),
    _City("广东省", "广州市", ("番禺区", "花都区", "增城区"), "020"),
    _City("广东省", "佛山市", ("南海区", "顺德区"), "0757"),
    _City("陕西省", "西安市", ("未央区", "高陵区", "经开区"), "029"),
    _City("河北省", "保定市", ("莲池区", "竞秀区"), "0312"),
    _City("河北省", "沧州市", ("运河区", "新华区"), "0317"),
    _City("福建省", "厦门市", ("集美区", "海沧区"), "0592"),
    _City("湖南省", "长沙市", ("雨花区", "望城区", "长沙县"), "0731"),
    _City("四川省", "成都市", ("龙泉驿区", "新都区", "双流区"), "028"),
    _City("河南省", "郑州市", ("管城回族区", "中原区", "经开区"), "0371"),
    _City("辽宁省", "沈阳市", ("大东区", "铁西区"), "024"),
    _City("黑龙江省", "哈尔滨市", ("平房区", "香坊区"), "0451"),
    _City("山西省", "太原市", ("小店区", "晋源区"), "0351"),
    _City("江西省", "南昌市", ("青山湖区", "新建区"), "0791"),
    _City("云南省", "昆明市", ("官渡区", "呈贡区"), "0871"),
    _City("新疆维吾尔自治区", "乌鲁木齐市", ("米东区", "新市区"), "0991"),
)

# (characters, pinyin for the e-mail domain)
_BRAND_WORDS = (
    ("华通", "huatong"), ("宏达", "hongda"), ("远航", "yuanhang"), ("鑫源", "xinyuan"),
    ("恒信", "hengxin"), ("金鹏", "jinpeng"), ("力拓", "lituo"), ("汇达", "huida"),
    ("瑞丰", "ruifeng"), ("东驰", "dongchi"), ("新宇", "xinyu"), ("长运", "changyun"),
    ("天行", "tianxing"), ("盛世", "shengshi"), ("中驰", "zhongchi"), ("佳联", "jialian"),
    ("奥凯", "aokai"), ("凯迪", "kaidi"), ("永固", "yonggu"), ("博远", "boyuan"),
    ("昌盛", "changsheng"), ("通达", "tongda"), ("万里", "wanli"), ("振华", "zhenhua"),
    ("嘉禾", "jiahe"), ("捷诚", "jiecheng"), ("润达", "runda"), ("泰安", "taian"),
    ("驰远", "chiyuan"), ("晨光", "chenguang"), ("北方", "beifang"), ("重工", "zhonggong"),
)  # fmt: skip

# customer type -> (name suffixes, weight in the mix)
_SUFFIXES: dict[str, tuple[str, ...]] = {
    CustomerType.OEM: (
        "汽车有限公司", "重型汽车有限公司", "汽车股份有限公司", "客车有限公司",
        "专用汽车有限公司", "汽车集团有限公司", "商用车有限公司",
    ),
    CustomerType.AFTERMARKET: ("汽配商行", "汽车配件有限公司", "汽配经营部", "汽车配件城"),
    CustomerType.DISTRIBUTOR: (
        "汽车部件有限公司", "机电设备有限公司", "贸易有限公司", "汽车电器有限公司",
    ),
    CustomerType.END_USER: (
        "运输有限公司", "物流有限公司", "公交集团有限公司", "工程机械有限公司",
        "机械制造有限公司", "矿业有限公司",
    ),
}  # fmt: skip
_TYPE_WEIGHTS = (
    (CustomerType.OEM, 30),
    (CustomerType.AFTERMARKET, 30),
    (CustomerType.DISTRIBUTOR, 25),
    (CustomerType.END_USER, 15),
)

_ROADS = (
    "解放大路", "东风大道", "创业大街", "工业园路", "长江路", "黄河路", "人民路", "建设路",
    "汽车城大道", "经开大道", "科技路", "新华路", "迎宾大道", "兴业路", "车城西路", "金桥路",
)  # fmt: skip

_SURNAMES = (
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("赵", "zhao"), ("黄", "huang"), ("周", "zhou"), ("吴", "wu"), ("徐", "xu"), ("孙", "sun"),
    ("胡", "hu"), ("朱", "zhu"), ("高", "gao"), ("林", "lin"), ("何", "he"), ("郭", "guo"),
    ("马", "ma"), ("罗", "luo"), ("梁", "liang"), ("宋", "song"), ("郑", "zheng"), ("谢", "xie"),
    ("韩", "han"), ("唐", "tang"), ("冯", "feng"), ("于", "yu"), ("董", "dong"), ("萧", "xiao"),
)  # fmt: skip
_GIVEN = (
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("强", "qiang"),
    ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"),
    ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
    ("华", "hua"), ("建国", "jianguo"), ("红", "hong"), ("志强", "zhiqiang"), ("海", "hai"),
    ("文", "wen"), ("斌", "bin"), ("丽", "li"), ("鹏", "peng"), ("宇", "yu"), ("晓东", "xiaodong"),
    ("春梅", "chunmei"), ("立新", "lixin"), ("建华", "jianhua"), ("玉兰", "yulan"), ("凯", "kai"),
)  # fmt: skip

_TITLES: dict[str, tuple[str, ...]] = {
    "采购部": ("采购经理", "采购员", "部长", "采购主管"),
    "质量部": ("质量经理", "SQE", "质量工程师", "部长", "检验主管"),
    "技术部": ("技术总监", "工程师", "主任工程师"),
    "售后服务部": ("服务经理", "服务工程师", "三包索赔员"),
    "生产部": ("厂长", "生产经理", "调度员"),
    "物流部": ("仓库主管", "物流经理"),
}
_TRADE_DEPARTMENTS = ("业务部", "采购部", "财务部", "门市部")
_TRADE_TITLES = ("总经理", "经理", "业务员", "店长", "会计")

_PRODUCTS = (
    ("QDJ2040", "起动机 24V 5.5kW"),
    ("QDJ2542", "起动机 24V 7.5kW"),
    ("QDJ2658", "起动机 24V 8.0kW"),
    ("QDJ2802", "减速起动机 24V 6.0kW"),
    ("QDJ1308", "起动机 12V 1.4kW"),
    ("QDJ1402", "起动机 12V 2.0kW"),
    ("QDJ1525", "减速起动机 12V 2.5kW"),
    ("JFZ2707", "交流发电机 28V 70A"),
    ("JFZ2915", "交流发电机 28V 150A"),
    ("JFZ2811", "交流发电机 28V 110A"),
    ("JFZ1512", "交流发电机 14V 120A"),
    ("JFZ1710", "交流发电机 14V 100A"),
    ("JFT249", "电子调节器 28V"),
    ("JD2405", "起动继电器 24V"),
)
_PRODUCT_NOTES = (
    "",
    "",
    "",
    "",
    "配套重卡平台",
    "配套轻卡平台",
    "售后备件",
    "样件试装中",
    "客户图号",
)

_SALES_REPS = ("陈建军", "王丽华", "刘志强", "赵晓东", "孙海涛", "周玉兰", "吴立新", "郑凯")

_NOTES = (
    "",
    "",
    "",
    "",
    "年度框架协议,月结60天。",
    "要求出货附检验报告,每批次提供合格证。",
    "客户要求抱怨按 8D 格式回复。",
    "新项目 PPAP 进行中。",
    "有三包索赔协议,季度结算。",
    "客户年度审核安排在第三季度。",
    "需提供 IATF 16949 证书复印件。",
)


def _person(rng: random.Random) -> tuple[str, str]:
    surname, s_py = rng.choice(_SURNAMES)
    given, g_py = rng.choice(_GIVEN)
    return surname + given, s_py + g_py


def _mobile(rng: random.Random) -> str:
    prefix = rng.choice(("138", "139", "135", "136", "150", "151", "158", "186", "187", "177"))
    return prefix + f"{rng.randrange(10**8):08d}"


def _landline(rng: random.Random, area_code: str) -> str:
    digits = 8 if len(area_code) == 3 or rng.random() < 0.8 else 7
    first = rng.choice("5678")
    return f"{area_code}-{first}{rng.randrange(10 ** (digits - 1)):0{digits - 1}d}"


def _volumes(
    rng: random.Random, since: date, today: date, status: str, new_customer: bool
) -> tuple[list[VolumeData], float]:
    """Purchase volume (万元) per year since cooperation began, at most the last five years.

    Returns the volumes and the amount of the last complete year (0 when there is none).
    """
    if new_customer:  # less than a year: what was bought so far, per calendar year
        return [
            VolumeData(year, round(rng.uniform(2, 60), 1))
            for year in range(since.year, today.year + 1)
        ], 0.0
    # the level of the last complete year, spread so that every survey tier occurs
    tier = rng.random()
    if tier < 0.25:
        level = rng.uniform(100, 2500)
    elif tier < 0.55:
        level = rng.uniform(50, 100)
    else:
        level = rng.uniform(3, 50)
    last_full = today.year - 1
    first = max(since.year, today.year - 5)
    if status == CustomerStatus.LOST:
        trend = rng.uniform(-0.3, -0.1)
    else:
        trend = rng.choice((-0.25, -0.1, 0.0, 0.0, 0.05, 0.1, 0.2))
    volumes: dict[int, float] = {}
    for year in range(first, last_full + 1):
        amount = level / (1 + trend) ** (last_full - year) * rng.uniform(0.92, 1.08)
        volumes[year] = round(amount, 1)
    if status == CustomerStatus.LOST:
        # the last year shows the collapse; nothing bought this year
        volumes[last_full] = round(min(volumes[last_full] * rng.uniform(0.0, 0.15), 45.0), 1)
    elif today.month >= 4 and rng.random() < 0.6:
        # this year so far, roughly pro rata
        volumes[today.year] = round(level * today.month / 12 * rng.uniform(0.8, 1.2), 1)
    return [VolumeData(y, volumes[y]) for y in sorted(volumes)], volumes.get(last_full, 0.0)


def _grade(amount: float, status: str) -> str:
    if status == CustomerStatus.LOST:
        return "D"
    if amount >= 100:
        return "A"
    if amount >= 50:
        return "B"
    if amount >= 10:
        return "C"
    return "D"


def _customer(number: int, seed: int, today: date) -> CustomerData:
    rng = random.Random(f"qualitydesk-demo:{seed}:{number}")
    ctype = rng.choices([t for t, _ in _TYPE_WEIGHTS], [w for _, w in _TYPE_WEIGHTS])[0]
    city = rng.choice(_CITIES)
    word, word_py = rng.choice(_BRAND_WORDS)
    city_short = city.city.removesuffix("市")
    suffix = rng.choice(_SUFFIXES[ctype])
    name = f"{city_short}{word}{suffix}"
    short_name = f"{city_short}{word}" if rng.random() < 0.6 else word + suffix[:2]
    region = city.city if city.province == city.city else city.province + city.city
    address = f"{region}{rng.choice(city.districts)}{rng.choice(_ROADS)}{rng.randint(1, 2999)}号"
    phone = _landline(rng, city.area_code)
    fax = _landline(rng, city.area_code) if rng.random() < 0.7 else ""
    domain = (
        f"{word_py}{rng.choice(('', '-auto', 'qc', 'motor'))}.{rng.choice(('com', 'com.cn', 'cn'))}"
    )
    email = f"{rng.choice(('info', 'sales', 'purchase', 'cg', 'qa'))}@{domain}"
    if ctype == CustomerType.AFTERMARKET and rng.random() < 0.5:
        email = f"{rng.randrange(10**8, 10**10)}@qq.com"

    # cooperation since: about one in ten is new (less than a year)
    if rng.random() < 0.1:
        since = today - timedelta(days=rng.randint(20, 330))
    else:
        since = date(today.year - rng.randint(1, 18), rng.randint(1, 12), rng.randint(1, 28))
        since = min(since, today - timedelta(days=400))
    new_customer = (today - since).days < 365
    lost = not new_customer and since.year < today.year - 1 and rng.random() < 0.1
    status = CustomerStatus.LOST if lost else CustomerStatus.ACTIVE
    volumes, last_amount = _volumes(rng, since, today, status, new_customer)

    contacts = []
    for _ in range(rng.choices((1, 2, 3, 4), (25, 35, 25, 15))[0]):
        person, person_py = _person(rng)
        if ctype in (CustomerType.OEM, CustomerType.END_USER):
            department = rng.choice(tuple(_TITLES))
            title = rng.choice(_TITLES[department])
        else:
            department = rng.choice(_TRADE_DEPARTMENTS)
            title = rng.choice(_TRADE_TITLES)
        contact_phone = _mobile(rng) if rng.random() < 0.75 else _landline(rng, city.area_code)
        if rng.random() < 0.2:
            contact_phone = f"{phone}转{rng.randint(800, 8999)}"
        contact_email = f"{person_py}@{domain}" if rng.random() < 0.6 else ""
        contacts.append(ContactData(person, department, title, contact_phone, contact_email))

    products = [
        ProductData(model, spec, rng.choice(_PRODUCT_NOTES))
        for model, spec in rng.sample(
            _PRODUCTS, rng.choices((1, 2, 3, 4, 5), (20, 30, 25, 15, 10))[0]
        )
    ]
    potential = status == CustomerStatus.ACTIVE and (
        (new_customer and rng.random() < 0.5) or (last_amount < 50 and rng.random() < 0.2)
    )
    return CustomerData(
        code=demo_code(number),
        name=name,
        short_name=short_name,
        type=ctype.value,
        address=address,
        phone=phone,
        fax=fax,
        email=email,
        sales_rep=rng.choice(_SALES_REPS),
        cooperation_since=since,
        grade="C" if new_customer else _grade(last_amount, status),
        status=status.value,
        potential=potential,
        notes=rng.choice(_NOTES),
        contacts=contacts,
        products=products,
        volumes=volumes,
    )


def generate_customers(
    count: int, seed: int = 1, *, start: int = 1, today: date | None = None
) -> list[CustomerData]:
    """Customers number start … start+count-1 (codes KH00001 …), the same for the same seed.

    ``today`` anchors the dates and years (default: the real today), so a test can pin it.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    anchor = today or date.today()
    return [_customer(number, seed, anchor) for number in range(start, start + count)]


def existing_codes(engine: Engine) -> set[str]:
    """Every customer code in the data file, lower-cased (codes are unique case-insensitively)."""
    with Session(engine) as session:
        return {code.lower() for code in session.exec(select(Customer.code))}


def load_demo(
    engine: Engine,
    customers: int = 200,
    seed: int = 1,
    user: str = "demo",
    progress: Callable[[int], None] | None = None,
) -> int:
    """Store demo customers KH00001 … up to the count; codes already present are skipped.

    All in one transaction through customer_service.create_many (validation, audit trail).
    Returns how many were stored (0 when all of them were there already).
    """
    taken = existing_codes(engine)
    fresh = [c for c in generate_customers(customers, seed) if c.code.lower() not in taken]
    if not fresh:
        return 0
    return customer_service.create_many(engine, fresh, user, progress=progress)
