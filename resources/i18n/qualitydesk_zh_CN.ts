<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackgroundOp</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ChildTable</name>
    <message>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Row {row}, {column}: {message}</source>
        <translation>第 {row} 行,{column}:{message}</translation>
    </message>
</context>
<context>
    <name>ComplaintSettingsDialog</name>
    <message>
        <source>Complaint rules and calendar</source>
        <translation>客户抱怨规则与工作日历</translation>
    </message>
    <message>
        <source>Numbering and lists</source>
        <translation>编号与列表</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Working-day calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Numbers look like {prefix}-2026-0001; a reopened ticket adds -1.</source>
        <translation>编号形如 {prefix}-2026-0001;重开的抱怨单在后面加 -1。</translation>
    </message>
    <message>
        <source>Number prefix</source>
        <translation>编号前缀</translation>
    </message>
    <message>
        <source>Defect categories</source>
        <translation>不良类别</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>One per line, in the order the lists show them.</source>
        <translation>每行一项,按列表中显示的顺序排列。</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Deadline rules, counted from when the complaint was received</source>
        <translation>期限规则(从接到抱怨时起算)</translation>
    </message>
    <message>
        <source>The return visit counts from the answer to the customer. A customer's own deadline for the corrective-action reply replaces the rule on that ticket. Working days follow the working-day calendar.</source>
        <translation>回访从答复顾客时起算。顾客对纠正预防措施回复另有期限要求时,该抱怨单以顾客期限为准。工作日按工作日历计算。</translation>
    </message>
    <message>
        <source>Reminders and recurrence</source>
        <translation>提醒与重复发生</translation>
    </message>
    <message>
        <source>Due soon within</source>
        <translation>即将到期提醒</translation>
    </message>
    <message>
        <source>hours: listed at start-up as due soon</source>
        <translation>小时内到期的,启动时列为即将到期</translation>
    </message>
    <message>
        <source>Recurrence within</source>
        <translation>重复发生检查</translation>
    </message>
    <message>
        <source>months: how far back the recurrence check looks</source>
        <translation>个月内:检查同一问题是否重复发生的回溯范围</translation>
    </message>
    <message>
        <source>The holiday calendar built into this program knows the public holidays and make-up workdays (调休) of {first}–{last}. Enter here what differs at your company (a shutdown, an extra working day) and the holidays of any later year.</source>
        <translation>本程序内置的日历已收录 {first}–{last} 年的法定节假日和调休上班日。公司另有安排的日子(停产放假、加班上班)以及以后年份的节假日,请在此录入。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Working day?</source>
        <translation>是否上班</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add day</source>
        <translation>添加一天</translation>
    </message>
    <message>
        <source>Remove selected days</source>
        <translation>删除所选日期</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Note, e.g. 春节</source>
        <translation>备注,例如 春节</translation>
    </message>
    <message>
        <source>Add these days</source>
        <translation>添加这些日期</translation>
    </message>
    <message>
        <source>Several days: from</source>
        <translation>连续多天:从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Days that differ from the built-in calendar</source>
        <translation>与内置日历不同的日期</translation>
    </message>
    <message>
        <source>Years whose holidays you have entered completely</source>
        <translation>已完整录入节假日的年份(确认)</translation>
    </message>
    <message>
        <source>(the built-in calendar knows every year)</source>
        <translation>(内置日历已收录所有相关年份)</translation>
    </message>
    <message>
        <source>Day off (holiday)</source>
        <translation>放假(休息日)</translation>
    </message>
    <message>
        <source>Working day (调休 make-up)</source>
        <translation>上班(调休上班日)</translation>
    </message>
    <message>
        <source>Enter the first day (and the last day, when it is more than one).</source>
        <translation>请填写第一天(多天时再填写最后一天)。</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>最后一天早于第一天。</translation>
    </message>
    <message>
        <source>At most {days} days at once.</source>
        <translation>一次最多添加 {days} 天。</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>The public holidays of {year} are not included yet; working days are estimated as Monday to Friday. Enter that year's holidays here and confirm it.</source>
        <translation>{year} 年的法定节假日尚未收录,工作日按周一至周五估算,请在此录入该年节假日并确认</translation>
    </message>
    <message>
        <source>Updating the deadlines of open tickets…</source>
        <translation>正在更新处理中抱怨单的期限…</translation>
    </message>
    <message>
        <source>The settings are saved, but the deadlines of open tickets could not be updated: {reason}
They are updated when each ticket is saved next.</source>
        <translation>设置已保存,但未能更新处理中抱怨单的期限:{reason}
各抱怨单下次保存时会自动更新。</translation>
    </message>
    <message>
        <source>“{value}”: {message}</source>
        <translation>“{value}”:{message}</translation>
    </message>
    <message>
        <source>Row {row}: {message}</source>
        <translation>第 {row} 行:{message}</translation>
    </message>
</context>
<context>
    <name>ComplaintTableModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Product / part no.</source>
        <translation>产品型号 / 零件号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重度</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>8D step</source>
        <translation>8D 进度</translation>
    </message>
    <message>
        <source>Next deadline</source>
        <translation>下一期限</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Defect category</source>
        <translation>不良类别</translation>
    </message>
    <message>
        <source>Responsible dept.</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Overdue: {deadline} was due {due}, {late} ago.</source>
        <translation>已超期:{deadline}应于 {due} 完成,已超过 {late}。</translation>
    </message>
    <message>
        <source>Due today: {deadline} at {time} (in {left}).</source>
        <translation>今日到期:{deadline},{time} 前完成(还剩 {left})。</translation>
    </message>
    <message>
        <source>* Estimated deadline: the public holidays of {years} are not known yet, so working days are counted Monday to Friday. Enter them under Settings → Complaint rules and calendar.</source>
        <translation>* 估算期限:{years} 年的法定节假日尚未收录,工作日按周一至周五估算。请在“设置 → 客户抱怨规则与工作日历”中录入。</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>Complaints</source>
        <translation>客户抱怨</translation>
    </message>
    <message>
        <source>Search number, customer, product, part, batch, description, owner (Ctrl+F)</source>
        <translation>搜索编号、顾客、产品、零件号、批号、问题描述、负责人(Ctrl+F)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>全部严重度</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅显示超期</translation>
    </message>
    <message>
        <source>from YYYY-MM-DD</source>
        <translation>起 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>to YYYY-MM-DD</source>
        <translation>止 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新建 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Export ledger to Excel…</source>
        <translation>导出处理总表到 Excel…</translation>
    </message>
    <message>
        <source>Export tracking list to Excel…</source>
        <translation>导出追踪一览表到 Excel…</translation>
    </message>
    <message>
        <source>Import ledger from Excel…</source>
        <translation>从 Excel 导入处理总表…</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部责任部门</translation>
    </message>
    <message>
        <source>All defect categories</source>
        <translation>全部不良类别</translation>
    </message>
    <message>
        <source>Not a date (e.g. 2026-03-15); ignored for now.</source>
        <translation>不是有效日期(例:2026-03-15),暂不按此筛选。</translation>
    </message>
    <message>
        <source>{count} ticket(s), {overdue} overdue</source>
        <translation>共 {count} 张抱怨单,{overdue} 张超期</translation>
    </message>
    <message>
        <source>Complaint ledger {period}.xlsx</source>
        <translation>客户抱怨处理总表 {period}.xlsx</translation>
    </message>
    <message>
        <source>Complaint ledger.xlsx</source>
        <translation>客户抱怨处理总表.xlsx</translation>
    </message>
    <message>
        <source>Save complaint ledger as Excel</source>
        <translation>将客户抱怨处理总表保存为 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the complaint ledger…</source>
        <translation>正在生成客户抱怨处理总表…</translation>
    </message>
    <message>
        <source>Save complaint tracking list as Excel</source>
        <translation>将客户抱怨处理追踪一览表保存为 Excel</translation>
    </message>
    <message>
        <source>Complaint tracking list.xlsx</source>
        <translation>客户抱怨处理追踪一览表.xlsx</translation>
    </message>
    <message>
        <source>Writing the complaint tracking list…</source>
        <translation>正在生成客户抱怨处理追踪一览表…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <source>Potential customer (surveyed although small)</source>
        <translation>潜在顾客(虽采购额小,也纳入满意度调查)</translation>
    </message>
    <message>
        <source>Code *</source>
        <translation>编号 *</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Customer since</source>
        <translation>合作起始日期</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Sales rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Basic data</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Products bought</source>
        <translation>采购产品</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Purchase volume (10k CNY)</source>
        <translation>采购额(万元)</translation>
    </message>
    <message>
        <source>Annual volume</source>
        <translation>年采购额</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Customer file PDF…</source>
        <translation>顾客档案 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存:请更正标红的字段。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The form has unsaved changes. Save them before printing?</source>
        <translation>表单有未保存的修改。打印前先保存吗?</translation>
    </message>
    <message>
        <source>Customer {code} {name}</source>
        <translation>顾客 {code} {name}</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建顾客</translation>
    </message>
    <message>
        <source>This customer file has unsaved changes. Save them?</source>
        <translation>此顾客档案有未保存的修改,是否保存?</translation>
    </message>
</context>
<context>
    <name>CustomerFilterEdit</name>
    <message>
        <source>Customer: code or name</source>
        <translation>顾客:编号或名称</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Sales rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>Customer since</source>
        <translation>合作起始日期</translation>
    </message>
    <message>
        <source>Latest annual volume (10k CNY)</source>
        <translation>最近年采购额(万元)</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message>
        <source>Customer files</source>
        <translation>顾客档案</translation>
    </message>
    <message>
        <source>Search code, name, short name, contact, phone (Ctrl+F)</source>
        <translation>搜索 编号、名称、简称、联系人、电话 (Ctrl+F)</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All grades</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <source>Grade {grade}</source>
        <translation>{grade} 级</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新建 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Customer file PDF (Ctrl+P)…</source>
        <translation>顾客档案 PDF (Ctrl+P)…</translation>
    </message>
    <message>
        <source>Export list to Excel…</source>
        <translation>导出清单到 Excel…</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation><numerusform>共 %n 个顾客</numerusform></translation>
    </message>
    <message>
        <source>Delete customers</source>
        <translation>删除顾客</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n customer file(s)? Every value is kept in the audit trail.</source>
        <translation><numerusform>删除 %n 份顾客档案?所有内容都会保留在修改记录(审核追踪)中。</numerusform></translation>
    </message>
    <message>
        <source>Customer file PDF</source>
        <translation>顾客档案 PDF</translation>
    </message>
    <message>
        <source>Select a customer first.</source>
        <translation>请先选择一个顾客。</translation>
    </message>
    <message>
        <source>Save customer file as PDF</source>
        <translation>将顾客档案保存为 PDF</translation>
    </message>
    <message>
        <source>Customer file {code}.pdf</source>
        <translation>顾客档案_{code}.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the customer file…</source>
        <translation>正在生成顾客档案…</translation>
    </message>
    <message>
        <source>Save customer list as Excel</source>
        <translation>将顾客清单保存为 Excel</translation>
    </message>
    <message>
        <source>Customer list.xlsx</source>
        <translation>顾客清单.xlsx</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the customer list…</source>
        <translation>正在生成顾客清单…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日,如 2024-03-15</translation>
    </message>
    <message>
        <source>Pick a date from the calendar</source>
        <translation>从日历中选择日期</translation>
    </message>
</context>
<context>
    <name>DueDialog</name>
    <message>
        <source>Complaint deadlines: overdue and due soon</source>
        <translation>客户抱怨期限:已超期与即将到期</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>Overdue by / due in</source>
        <translation>超期 / 剩余</translation>
    </message>
    <message>
        <source>Open ticket</source>
        <translation>打开抱怨单</translation>
    </message>
    <message>
        <source>{overdue} ticket(s) overdue, {soon} due within {hours} hours. Double-click a line to open the ticket.</source>
        <translation>{overdue} 张抱怨单已超期,{soon} 张将在 {hours} 小时内到期。双击一行即可打开该抱怨单。</translation>
    </message>
    <message>
        <source>overdue by {time}</source>
        <translation>已超期 {time}</translation>
    </message>
    <message>
        <source>due in {time}</source>
        <translation>还剩 {time}</translation>
    </message>
    <message>
        <source>* Estimated: the public holidays of that year are not known yet.</source>
        <translation>* 估算期限:该年的法定节假日尚未收录。</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>{days} d {hours} h</source>
        <translation>{days} 天 {hours} 小时</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>文件无法写入:{reason}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>ImportCustomersDialog</name>
    <message>
        <source>Import customers from Excel</source>
        <translation>从 Excel 导入顾客</translation>
    </message>
    <message>
        <source>Choose the .xlsx file of the old customer register</source>
        <translation>选择原顾客台账的 .xlsx 文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>首个值</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>列对应关系</translation>
    </message>
    <message>
        <source>Preview (first rows)</source>
        <translation>预览(前几行)</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Check result</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Import all</source>
        <translation>全部导入</translation>
    </message>
    <message>
        <source>Import only the valid rows…</source>
        <translation>仅导入有效行…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose the customer register</source>
        <translation>选择顾客台账</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>(不导入)</translation>
    </message>
    <message>
        <source>Choose a column for: {fields}</source>
        <translation>请为以下字段选择对应列:{fields}</translation>
    </message>
    <message>
        <source>“{field}” is chosen for two columns.</source>
        <translation>“{field}”被选给了两列。</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>正在检查各行…</translation>
    </message>
    <message>
        <source>Press “Check” to see which rows can be imported.</source>
        <translation>点击“检查”查看哪些行可以导入。</translation>
    </message>
    <message>
        <source>Import only the valid rows</source>
        <translation>仅导入有效行</translation>
    </message>
    <message>
        <source>{valid} valid row(s) will be imported; {invalid} row(s) with errors will be left out. Continue?</source>
        <translation>将导入 {valid} 行有效数据,{invalid} 行有误的数据不导入。继续吗?</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) imported.</source>
        <translation><numerusform>已导入 %n 个顾客。</numerusform></translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>未导入任何数据:{reason}</translation>
    </message>
    <message>
        <source>Importing customers…</source>
        <translation>正在导入顾客…</translation>
    </message>
</context>
<context>
    <name>ImportLedgerDialog</name>
    <message>
        <source>Import the complaint ledger from Excel</source>
        <translation>从 Excel 导入客户抱怨处理总表</translation>
    </message>
    <message>
        <source>Choose the .xlsx file of the old complaint ledger (客户抱怨处理总表)</source>
        <translation>选择原有客户抱怨处理总表的 .xlsx 文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>首个值</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>列对应关系</translation>
    </message>
    <message>
        <source>Preview (first rows)</source>
        <translation>预览(前几行)</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Check result</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Import all</source>
        <translation>全部导入</translation>
    </message>
    <message>
        <source>Import only the valid rows…</source>
        <translation>仅导入有效行…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose the complaint ledger</source>
        <translation>选择客户抱怨处理总表</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>(不导入)</translation>
    </message>
    <message>
        <source>Choose a column for: {fields}</source>
        <translation>请为以下字段选择对应列:{fields}</translation>
    </message>
    <message>
        <source>“{field}” is chosen for two columns.</source>
        <translation>“{field}”被选给了两列。</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>正在检查各行…</translation>
    </message>
    <message>
        <source>Press “Check” to see which rows can be imported.</source>
        <translation>点击“检查”查看哪些行可以导入。</translation>
    </message>
    <message>
        <source>{count} of the valid rows are closed or cancelled in the old ledger. They are registered as open tickets with the old status and closing date in D8; close them here once their actions are verified.</source>
        <translation>有效行中有 {count} 行在原总表中已结案或已作废。它们将登记为处理中的抱怨单,原状态和结案日期记入 D8;措施验证后请在本程序中结案。</translation>
    </message>
    <message>
        <source>Import only the valid rows</source>
        <translation>仅导入有效行</translation>
    </message>
    <message>
        <source>{valid} valid row(s) will be imported; {invalid} row(s) with errors will be left out. Continue?</source>
        <translation>将导入 {valid} 行有效数据,{invalid} 行有误的数据不导入。继续吗?</translation>
    </message>
    <message>
        <source>{count} ticket(s) imported.</source>
        <translation>已导入 {count} 张抱怨单。</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>未导入任何数据:{reason}</translation>
    </message>
    <message>
        <source>Importing complaint tickets…</source>
        <translation>正在导入抱怨单…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>QualityDesk — {path}</source>
        <translation>QualityDesk 质量服务台 — {path}</translation>
    </message>
    <message>
        <source>Data file: {path}</source>
        <translation>数据文件:{path}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Import customers from Excel…</source>
        <translation>从 Excel 导入顾客…</translation>
    </message>
    <message>
        <source>Export customer list to Excel…</source>
        <translation>导出顾客清单到 Excel…</translation>
    </message>
    <message>
        <source>Import complaint ledger from Excel…</source>
        <translation>从 Excel 导入客户抱怨处理总表…</translation>
    </message>
    <message>
        <source>Export complaint ledger to Excel…</source>
        <translation>导出客户抱怨处理总表到 Excel…</translation>
    </message>
    <message>
        <source>Export complaint tracking list to Excel…</source>
        <translation>导出客户抱怨处理追踪一览表到 Excel…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Company, clerk and form codes…</source>
        <translation>公司、填表人与表单编号…</translation>
    </message>
    <message>
        <source>Complaint rules and calendar…</source>
        <translation>客户抱怨规则与工作日历…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Where is my data?</source>
        <translation>数据保存在哪里?</translation>
    </message>
    <message>
        <source>About QualityDesk</source>
        <translation>关于 QualityDesk</translation>
    </message>
    <message>
        <source>All records are kept in this file:
{path}</source>
        <translation>所有记录都保存在此文件中:
{path}</translation>
    </message>
    <message>
        <source>QualityDesk {version}
Customer service and customer feedback records (ISO 9001 / IATF 16949), kept on this computer.</source>
        <translation>QualityDesk 质量服务台 {version}
顾客服务与顾客反馈记录(ISO 9001 / IATF 16949),保存在本机。</translation>
    </message>
</context>
<context>
    <name>OverdueIndicator</name>
    <message>
        <source>{count} complaint(s) overdue</source>
        <translation>{count} 张客户抱怨超期</translation>
    </message>
    <message>
        <source>Show the overdue and soon-due complaint deadlines</source>
        <translation>查看已超期和即将到期的客户抱怨期限</translation>
    </message>
    <message>
        <source>No complaint overdue</source>
        <translation>没有超期的客户抱怨</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Printed as 填表人 on the forms and written in the audit trail</source>
        <translation>打印在表单的“填表人”处,并记入修改记录</translation>
    </message>
    <message>
        <source>Choose logo…</source>
        <translation>选择标志…</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>移除标志</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Company name *</source>
        <translation>公司名称 *</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Clerk name</source>
        <translation>填表人</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>Form code</source>
        <translation>表单编号</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Form codes and revisions</source>
        <translation>表单编号与版本</translation>
    </message>
    <message>
        <source>(no logo)</source>
        <translation>(无标志)</translation>
    </message>
    <message>
        <source>Choose logo</source>
        <translation>选择标志</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <source>This file is not an image that can be read.</source>
        <translation>此文件不是可读取的图片。</translation>
    </message>
</context>
</TS>