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
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
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