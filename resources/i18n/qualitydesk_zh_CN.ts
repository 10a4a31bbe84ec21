<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About QualityDesk</source>
        <translation>关于 QualityDesk</translation>
    </message>
    <message>
        <source>Database server: {database}</source>
        <translation>数据库服务器:{database}</translation>
    </message>
    <message>
        <source>Data file: {path}</source>
        <translation>数据文件:{path}</translation>
    </message>
    <message>
        <source>Python {python}, Qt {qt}, PySide6 {pyside}, {system}</source>
        <translation>Python {python},Qt {qt},PySide6 {pyside},{system}</translation>
    </message>
    <message>
        <source>Customer service and customer feedback records (ISO 9001 / IATF 16949).</source>
        <translation>顾客服务与顾客反馈记录(ISO 9001 / IATF 16949)。</translation>
    </message>
    <message>
        <source>QualityDesk: all rights reserved by its authors (no licence has been published).</source>
        <translation>QualityDesk:作者保留所有权利(尚未发布许可协议)。</translation>
    </message>
    <message>
        <source>Chinese font: WenQuanYi Micro Hei (文泉驿微米黑), Apache-2.0 (or GPL-3.0 with the font exception), bundled unchanged; its licence: the button below.</source>
        <translation>中文字体:文泉驿微米黑(WenQuanYi Micro Hei),Apache-2.0 许可(或附字体例外条款的 GPL-3.0),原样随附;许可全文见下方按钮。</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>程序库</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可</translation>
    </message>
    <message>
        <source>Font licence…</source>
        <translation>字体许可…</translation>
    </message>
    <message>
        <source>Licence of the WenQuanYi Micro Hei font</source>
        <translation>文泉驿微米黑字体的许可</translation>
    </message>
</context>
<context>
    <name>ActionsPanel</name>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>效果验证</translation>
    </message>
    <message>
        <source>Add action</source>
        <translation>添加措施</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>验证效果…</translation>
    </message>
    <message>
        <source>Record whether the selected action is effective (it must be done first)</source>
        <translation>记录所选措施是否有效(措施须先完成)</translation>
    </message>
    <message>
        <source>New due date…</source>
        <translation>重订期限…</translation>
    </message>
    <message>
        <source>Set a new due date for a late action; the old date stays in its history</source>
        <translation>为未按期完成的措施重订期限;原期限保留在记录中</translation>
    </message>
    <message>
        <source>History of the selected action</source>
        <translation>所选措施的记录</translation>
    </message>
    <message>
        <source>First due {date}</source>
        <translation>原定期限 {date}</translation>
    </message>
    <message>
        <source>not effective → new due date</source>
        <translation>无效 → 已重订期限</translation>
    </message>
    <message>
        <source>{when} {user}: verified {result} ({by}, {on})</source>
        <translation>{when} {user}:验证{result}(验证人 {by},{on})</translation>
    </message>
    <message>
        <source>; due {old} → {new}</source>
        <translation>;期限 {old} → {new}</translation>
    </message>
    <message>
        <source>{when} {user}: due {old} → {new}</source>
        <translation>{when} {user}:期限 {old} → {new}</translation>
    </message>
    <message>
        <source>Select an action to see its due dates and verifications.</source>
        <translation>选择一项措施,查看其期限变更和验证记录。</translation>
    </message>
    <message>
        <source>New action: save it before verifying it.</source>
        <translation>新措施:请先保存,再验证。</translation>
    </message>
    <message>
        <source>No verification or new due date yet.</source>
        <translation>尚无验证或期限变更。</translation>
    </message>
</context>
<context>
    <name>AnnualSummaryDialog</name>
    <message>
        <source>Annual summary</source>
        <translation>年度汇总</translation>
    </message>
    <message>
        <source>The year's complaint summary with last year beside it and whether the management targets were met.</source>
        <translation>本年度的客户抱怨汇总,与上年对比,并评定管理目标是否达成。</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
</context>
<context>
    <name>AnswerGridModel</name>
    <message>
        <source>Item</source>
        <translation>调查项目</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意程度</translation>
    </message>
    <message>
        <source>Importance 1–5</source>
        <translation>重要度 1–5</translation>
    </message>
    <message>
        <source>Vs competitors</source>
        <translation>与同行比较</translation>
    </message>
    <message>
        <source>1–9 for the score, 0 for 10</source>
        <translation>1–9 即分数,0 表示 10 分</translation>
    </message>
    <message>
        <source>1 (not important) – 5 (very important)</source>
        <translation>1(不重要)– 5(很重要)</translation>
    </message>
    <message>
        <source>b or 1 better, s or 2 the same, w or 3 worse than competitors</source>
        <translation>b 或 1 优于同行,s 或 2 相当,w 或 3 不如同行</translation>
    </message>
</context>
<context>
    <name>AnswersView</name>
    <message>
        <source>Every invitee</source>
        <translation>全部调查对象</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>未答复</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Blank questionnaires PDF</source>
        <translation>空白调查表 PDF</translation>
    </message>
    <message>
        <source>One PDF with a blank questionnaire per invitee</source>
        <translation>每个调查对象一份空白调查表,合并为一个 PDF</translation>
    </message>
    <message>
        <source>For the selected invitees…</source>
        <translation>所选调查对象…</translation>
    </message>
    <message>
        <source>For every invitee…</source>
        <translation>全部调查对象…</translation>
    </message>
    <message>
        <source>For the invitees not answered yet…</source>
        <translation>尚未答复的调查对象…</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>调查活动</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save and next (Ctrl+Enter)</source>
        <translation>保存并下一个 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save, then open the next customer who has not answered</source>
        <translation>保存后打开下一个尚未答复的顾客</translation>
    </message>
    <message>
        <source>Print answer</source>
        <translation>打印答卷</translation>
    </message>
    <message>
        <source>This customer's questionnaire filled in, as PDF</source>
        <translation>该顾客已填写的调查表(PDF)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Delete answer…</source>
        <translation>删除答卷…</translation>
    </message>
    <message>
        <source>Remove an answer entered in error (the reason is kept)</source>
        <translation>删除误录的答卷(原因将被记录)</translation>
    </message>
    <message>
        <source> (closed)</source>
        <translation>(已关闭)</translation>
    </message>
    <message>
        <source>{answered} of {invited} answered</source>
        <translation>已答复 {answered} / {invited}</translation>
    </message>
    <message>
        <source>Pick a customer on the left (Enter or click) to enter the answer.</source>
        <translation>在左侧选择顾客(回车或单击)以录入答卷。</translation>
    </message>
    <message>
        <source>not answered yet</source>
        <translation>未答复</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>部分作答</translation>
    </message>
    <message>
        <source>unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>index {index}</source>
        <translation>指数 {index}</translation>
    </message>
    <message>
        <source>{number} is closed: its answers are read-only. Reopen it in the campaigns view to correct them.</source>
        <translation>{number} 已关闭:答卷只读。如需更正,请在“调查活动”中重开。</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存:请更正标红的字段。</translation>
    </message>
    <message>
        <source>Answer saved: index {index}.</source>
        <translation>答卷已保存:满意度指数 {index}。</translation>
    </message>
    <message>
        <source>Changes saved: index {index}. The old values are in the history.</source>
        <translation>修改已保存:满意度指数 {index}。原值保留在修改记录中。</translation>
    </message>
    <message>
        <source>Marked {marks}.</source>
        <translation>标记为{marks}。</translation>
    </message>
    <message>
        <source>Every invitee has answered.</source>
        <translation>全部调查对象均已答复。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The answer of {customer} has unsaved changes. Save them?</source>
        <translation>{customer} 的答卷有未保存的修改,是否保存?</translation>
    </message>
    <message>
        <source>Delete the answer of {customer}</source>
        <translation>删除 {customer} 的答卷</translation>
    </message>
    <message>
        <source>Only for an answer entered in error. The customer stays invited; what was deleted and why stays in the history.</source>
        <translation>仅用于误录的答卷。该顾客仍在调查名单中;删除的内容及原因保留在修改记录中。</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <source>Answer deleted.</source>
        <translation>答卷已删除。</translation>
    </message>
    <message>
        <source>History of the answer of {customer}</source>
        <translation>{customer} 答卷的修改记录</translation>
    </message>
    <message>
        <source>satisfaction</source>
        <translation>满意程度</translation>
    </message>
    <message>
        <source>importance</source>
        <translation>重要度</translation>
    </message>
    <message>
        <source>vs competitors</source>
        <translation>与同行比较</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>答复日期</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>受访人</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>调查方式</translation>
    </message>
    <message>
        <source>Surveyor</source>
        <translation>调查人</translation>
    </message>
    <message>
        <source>Will keep buying</source>
        <translation>是否继续采购</translation>
    </message>
    <message>
        <source>Would recommend</source>
        <translation>推荐意愿</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>意见与建议</translation>
    </message>
    <message>
        <source>Reason for deleting</source>
        <translation>删除原因</translation>
    </message>
    <message>
        <source>Questionnaires</source>
        <translation>调查表</translation>
    </message>
    <message>
        <source>No invitee to print.</source>
        <translation>没有可打印的调查对象。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Data file: {path} (unchanged since the last backup)</source>
        <translation>数据文件:{path}(自上次备份以来没有变化)</translation>
    </message>
    <message>
        <source>Backup made at start and checked: {path}</source>
        <translation>启动时已备份并检查通过:{path}</translation>
    </message>
    <message>
        <source>The automatic backup at start failed: {reason}

The data file is unchanged. Check the backup folder under Settings, or use Data → Back up to…</source>
        <translation>启动时的自动备份失败:{reason}

数据文件未作任何改动。请在“设置”中检查备份文件夹,或使用“数据 → 备份到…”。</translation>
    </message>
    <message>
        <source>The automatic backup failed.</source>
        <translation>自动备份失败。</translation>
    </message>
    <message>
        <source>Automatic backup failed</source>
        <translation>自动备份失败</translation>
    </message>
    <message>
        <source>Backing up the data file…</source>
        <translation>正在备份数据文件…</translation>
    </message>
    <message>
        <source>The data as they were before are kept in:
{path}</source>
        <translation>恢复前的数据保存在:
{path}</translation>
    </message>
    <message>
        <source>The backup
{backup}
has been restored.

{kept}</source>
        <translation>备份
{backup}
已恢复。

{kept}</translation>
    </message>
    <message>
        <source>Backup restored: {path}</source>
        <translation>已恢复备份:{path}</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
    <message>
        <source>The backup was not restored: {reason}</source>
        <translation>备份未恢复:{reason}</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>The data file could not be opened:
{path}

{reason}</source>
        <translation>无法打开数据文件:
{path}

{reason}</translation>
    </message>
    <message>
        <source>The database could not be opened:
{database}

{reason}</source>
        <translation>无法打开数据库:
{database}

{reason}</translation>
    </message>
</context>
<context>
    <name>ArchiveReturnDialog</name>
    <message>
        <source>Archive return {number}</source>
        <translation>归档退货单 {number}</translation>
    </message>
    <message>
        <source>Every line is inspected and disposed of. After archiving, the return and its analysis are a read-only quality record.</source>
        <translation>各行明细均已检验并处置。归档后,退货单及其分析结果作为质量记录只读保存。</translation>
    </message>
    <message>
        <source>Archived on</source>
        <translation>归档日期</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>Add photos/files…</source>
        <translation>添加照片/文件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>{size}, added by {user} {when}</source>
        <translation>{size},{user} 于 {when} 添加</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <source>Add photos or files</source>
        <translation>添加照片或文件</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.bmp *.gif);;All files (*)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.bmp *.gif);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Photos and files</source>
        <translation>照片与附件</translation>
    </message>
    <message>
        <source>Adding files…</source>
        <translation>正在添加文件…</translation>
    </message>
    <message>
        <source>The file {name} is missing from the data folder:
{path}</source>
        <translation>数据文件夹中找不到文件 {name}:
{path}</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>移除文件</translation>
    </message>
</context>
<context>
    <name>BackgroundOp</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BackupFolderField</name>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Use the default</source>
        <translation>使用默认位置</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <source>Backups cannot be written to {folder}: {reason}</source>
        <translation>无法向 {folder} 写入备份:{reason}</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Automatic, at start</source>
        <translation>自动(启动时)</translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Safety copy before a restore</source>
        <translation>恢复前的安全备份</translation>
    </message>
    <message>
        <source>Before a program update</source>
        <translation>程序更新前</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before a merge of records</source>
        <translation>合并记录前</translation>
    </message>
    <message>
        <source>Before: {what}</source>
        <translation>之前:{what}</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>The program backs the data file up at start when it changed, before an import, a sync or a restore, and with Data → Back up now. The folder is chosen per computer.</source>
        <translation>数据文件有变化时,程序在启动时、导入、同步或恢复之前自动备份;也可使用“数据 → 立即备份”。备份文件夹按每台电脑分别选择。</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>The database is on a server: its administrator backs it up (pg_dump, see the README). Data → Back up now copies it into a data file on this computer.</source>
        <translation>数据库在服务器上:由服务器管理员负责备份(pg_dump,见 README)。“数据 → 立即备份”可把它复制为本机上的一个数据文件。</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>The year whose annual volumes decide the tiers (the last complete year)</source>
        <translation>按该年度的年采购额划分覆盖层级(最近一个完整年度)</translation>
    </message>
    <message>
        <source>Year and period *</source>
        <translation>年度及期间 *</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <source>Template *</source>
        <translation>问卷模板 *</translation>
    </message>
    <message>
        <source>Period from *</source>
        <translation>调查期间自 *</translation>
    </message>
    <message>
        <source>to *</source>
        <translation>至 *</translation>
    </message>
    <message>
        <source>Answers due by</source>
        <translation>回收截止日期</translation>
    </message>
    <message>
        <source>Index target % *</source>
        <translation>满意度指数目标 % *</translation>
    </message>
    <message>
        <source>Item threshold % *</source>
        <translation>项目警戒线 % *</translation>
    </message>
    <message>
        <source>Volumes of year *</source>
        <translation>采购额年度 *</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>An item whose average is below this needs an improvement action</source>
        <translation>项目平均得分低于此值时须采取改进措施</translation>
    </message>
    <message>
        <source>A later answer is accepted and marked late</source>
        <translation>之后的答复仍可录入,标记为逾期</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <source>Ticked customers</source>
        <translation>已勾选的顾客</translation>
    </message>
    <message>
        <source>Find code or name</source>
        <translation>查找编号或名称</translation>
    </message>
    <message>
        <source>Tick shown</source>
        <translation>勾选所列</translation>
    </message>
    <message>
        <source>Untick shown</source>
        <translation>取消所列</translation>
    </message>
    <message>
        <source>Tick every customer the filter shows (space ticks the selected ones)</source>
        <translation>勾选当前筛选列出的全部顾客(空格键勾选所选行)</translation>
    </message>
    <message>
        <source>Propose again</source>
        <translation>重新建议</translation>
    </message>
    <message>
        <source>Tick exactly the customers the coverage rules ask for (the surveyed tiers)</source>
        <translation>只勾选覆盖规则要求调查的顾客</translation>
    </message>
    <message>
        <source>Customers to ask</source>
        <translation>调查对象</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>顾客数</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>应调查</translation>
    </message>
    <message>
        <source>Ticked</source>
        <translation>已勾选</translation>
    </message>
    <message>
        <source>Coverage: required share per tier</source>
        <translation>调查覆盖范围(各层级应调查比例)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Customers have answered: the template stays</source>
        <translation>已有顾客答复:不能更换问卷模板</translation>
    </message>
    <message>
        <source>New survey campaign</source>
        <translation>新建满意度调查</translation>
    </message>
    <message>
        <source>Create campaign</source>
        <translation>建立调查</translation>
    </message>
    <message>
        <source>Survey campaign {number}</source>
        <translation>满意度调查 {number}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>This period has a campaign already: {numbers}</source>
        <translation>该期间已有调查:{numbers}</translation>
    </message>
    <message>
        <source>{count} customer(s) ticked. Too few in: {tiers}.</source>
        <translation>已勾选 {count} 个顾客。以下层级不足:{tiers}。</translation>
    </message>
    <message>
        <source>{count} customer(s) ticked. Every required tier is covered.</source>
        <translation>已勾选 {count} 个顾客。各层级均达到覆盖要求。</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存:请更正标红的字段。</translation>
    </message>
    <message>
        <source>Not saved: {user} saved this campaign meanwhile. Your entries are still in the form.</source>
        <translation>未保存:{user} 在此期间保存了此调查活动。您填写的内容仍保留在表单中。</translation>
    </message>
    <message>
        <source>Showing the campaign as {user} saved it.</source>
        <translation>已显示 {user} 保存的调查活动内容。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>This campaign has unsaved changes. Save them?</source>
        <translation>该调查有未保存的修改,是否保存?</translation>
    </message>
</context>
<context>
    <name>CampaignHistoryDialog</name>
    <message>
        <source>History of {number}</source>
        <translation>{number} 的修改记录</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>期间自</translation>
    </message>
    <message>
        <source>Period to</source>
        <translation>期间至</translation>
    </message>
    <message>
        <source>Answers due by</source>
        <translation>回收截止日期</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>问卷模板</translation>
    </message>
    <message>
        <source>Index target %</source>
        <translation>满意度指数目标 %</translation>
    </message>
    <message>
        <source>Item threshold %</source>
        <translation>项目警戒线 %</translation>
    </message>
    <message>
        <source>Volumes of year</source>
        <translation>采购额年度</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>关闭日期</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>关闭人</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>重开原因</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
</context>
<context>
    <name>CampaignTableModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>调查活动</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>调查期间</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>问卷模板</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>调查对象</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>满意度指数</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Target {target} met</source>
        <translation>已达到目标 {target}</translation>
    </message>
    <message>
        <source>Target {target} not met</source>
        <translation>未达到目标 {target}</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>New campaign… (Ctrl+N)</source>
        <translation>新建调查… (Ctrl+N)</translation>
    </message>
    <message>
        <source>Edit campaign…</source>
        <translation>修改调查…</translation>
    </message>
    <message>
        <source>Dates, target, template and the customers asked</source>
        <translation>日期、目标、问卷模板及调查对象</translation>
    </message>
    <message>
        <source>Enter answers</source>
        <translation>录入答卷</translation>
    </message>
    <message>
        <source>Questionnaires PDF</source>
        <translation>调查表 PDF</translation>
    </message>
    <message>
        <source>Blank questionnaires of the invitees as one PDF (Ctrl+P)</source>
        <translation>调查对象的空白调查表,合并为一个 PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>Preview and print</source>
        <translation>预览并打印</translation>
    </message>
    <message>
        <source>Blank, for every invitee…</source>
        <translation>空白表,全部调查对象…</translation>
    </message>
    <message>
        <source>Blank, for the invitees not answered yet…</source>
        <translation>空白表,尚未答复的调查对象…</translation>
    </message>
    <message>
        <source>Blank, choose the invitees…</source>
        <translation>空白表,选择调查对象…</translation>
    </message>
    <message>
        <source>Filled in with the answers…</source>
        <translation>已填写的答卷…</translation>
    </message>
    <message>
        <source>Summary analysis</source>
        <translation>汇总分析表</translation>
    </message>
    <message>
        <source>As Excel workbook…</source>
        <translation>Excel 工作簿…</translation>
    </message>
    <message>
        <source>As PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>Preview and print…</source>
        <translation>预览并打印…</translation>
    </message>
    <message>
        <source>Customer loss…</source>
        <translation>顾客流失分析…</translation>
    </message>
    <message>
        <source>Volumes of a year against the year before, per customer (Excel)</source>
        <translation>各顾客年采购额与上年对比(Excel)</translation>
    </message>
    <message>
        <source>Close campaign…</source>
        <translation>关闭调查…</translation>
    </message>
    <message>
        <source>Analysed: the campaign and its answers become read-only</source>
        <translation>分析完毕:调查及答卷变为只读</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重开…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Targets…</source>
        <translation>目标…</translation>
    </message>
    <message>
        <source>Index targets year by year (95 % → 97 % → 98 %) and the item threshold</source>
        <translation>逐年的满意度指数目标(95 % → 97 % → 98 %)及项目警戒线</translation>
    </message>
    <message>
        <source>{count} campaign(s)</source>
        <translation>{count} 次调查</translation>
    </message>
    <message>
        <source>Saved {number}: {count} customer(s) to ask.</source>
        <translation>已保存 {number}:调查对象 {count} 个。</translation>
    </message>
    <message>
        <source>Close campaign</source>
        <translation>关闭调查</translation>
    </message>
    <message>
        <source>Close {number}? Its answers and actions become read-only; it can be reopened with a reason.</source>
        <translation>关闭 {number}?其答卷和措施将变为只读;如需更正,可填写原因后重开。</translation>
    </message>
    <message>
        <source>{number} closed.</source>
        <translation>{number} 已关闭。</translation>
    </message>
    <message>
        <source>Reopen {number}</source>
        <translation>重开 {number}</translation>
    </message>
    <message>
        <source>Reopen the campaign to correct answers or the list. The reason is kept in its history.</source>
        <translation>重开调查以更正答卷或调查名单。原因将保留在修改记录中。</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <source>{number} reopened.</source>
        <translation>{number} 已重开。</translation>
    </message>
    <message>
        <source>Targets saved; new campaigns take them.</source>
        <translation>目标已保存;新建的调查将采用新目标。</translation>
    </message>
    <message>
        <source>Customer-loss analysis</source>
        <translation>顾客流失分析</translation>
    </message>
    <message>
        <source>Compare the volumes of the year (with the year before):</source>
        <translation>对比年度的采购额(与上年比较):</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
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
    <name>CloseTicketDialog</name>
    <message>
        <source>Close ticket {number}</source>
        <translation>结案 {number}</translation>
    </message>
    <message>
        <source>After closing, the ticket is read-only. If the customer is later not satisfied, it can be reopened as a new ticket.</source>
        <translation>结案后本单只读。如顾客事后仍不满意,可重开为新的抱怨单。</translation>
    </message>
    <message>
        <source>e.g. actions verified effective, customer satisfied</source>
        <translation>例:措施经验证有效,顾客满意</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Closing note</source>
        <translation>结案说明</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <source>Company and forms</source>
        <translation>公司与表单</translation>
    </message>
    <message>
        <source>Printed as 填表人 on the forms and written in the audit trail</source>
        <translation>打印在表单的“填表人”处,并记入修改记录</translation>
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
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>Close ticket…</source>
        <translation>结案…</translation>
    </message>
    <message>
        <source>D8: close when every action is verified and the customer is satisfied</source>
        <translation>D8:全部措施验证有效且顾客满意后结案</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重开…</translation>
    </message>
    <message>
        <source>The customer is not satisfied: open a new ticket with this number plus -1</source>
        <translation>顾客不满意:以原编号加 -1 重开新单</translation>
    </message>
    <message>
        <source>Cancel ticket…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Void a ticket registered in error</source>
        <translation>作废误登记的抱怨单</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Photos and files</source>
        <translation>照片与附件</translation>
    </message>
    <message>
        <source>8D report (customer complaint form)…</source>
        <translation>8D 报告(客户抱怨处理单)…</translation>
    </message>
    <message>
        <source>Quality information feedback form…</source>
        <translation>质量信息反馈表…</translation>
    </message>
    <message>
        <source>Corrective/preventive action record…</source>
        <translation>纠正/预防措施记录表…</translation>
    </message>
    <message>
        <source>Prevent-recurrence report…</source>
        <translation>防止不合格品再发生报告…</translation>
    </message>
    <message>
        <source>Forms in Chinese</source>
        <translation>表单用中文</translation>
    </message>
    <message>
        <source>Forms in English</source>
        <translation>表单用英文</translation>
    </message>
    <message>
        <source>Forms bilingual (Chinese / English)</source>
        <translation>表单中英双语</translation>
    </message>
    <message>
        <source>now at {step}</source>
        <translation>当前:{step}</translation>
    </message>
    <message>
        <source>Origin: {link}</source>
        <translation>原单:{link}</translation>
    </message>
    <message>
        <source>Reopened as: {links}</source>
        <translation>已重开为:{links}</translation>
    </message>
    <message>
        <source>Closed {when} by {who}: this quality record is read-only. If the customer is not satisfied, reopen it as a new ticket.</source>
        <translation>已于 {when} 由 {who} 结案:本质量记录只读。如顾客不满意,请重开为新单。</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存:请更正标红的字段。</translation>
    </message>
    <message>
        <source>Registered as {number}.</source>
        <translation>已登记,编号 {number}。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Customer not satisfied</source>
        <translation>顾客不满意</translation>
    </message>
    <message>
        <source>Select an action in the list first.</source>
        <translation>请先在措施表中选择一项措施。</translation>
    </message>
    <message>
        <source>Verification recorded.</source>
        <translation>已记录验证结果。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Preview and print</source>
        <translation>预览并打印</translation>
    </message>
    <message>
        <source>Not saved: {user} saved this ticket meanwhile. Your entries are still in the form.</source>
        <translation>未保存:{user} 在此期间保存了此抱怨单。您填写的内容仍保留在表单中。</translation>
    </message>
    <message>
        <source>Showing the ticket as {user} saved it.</source>
        <translation>已显示 {user} 保存的抱怨单内容。</translation>
    </message>
    <message>
        <source>The form has unsaved changes. Save them first?</source>
        <translation>表单有未保存的修改。先保存吗?</translation>
    </message>
    <message>
        <source>Not closed yet: see the marked fields.</source>
        <translation>尚不能结案:请查看标红的字段。</translation>
    </message>
    <message>
        <source>Not ready to close</source>
        <translation>尚不能结案</translation>
    </message>
    <message>
        <source>The ticket cannot be closed yet:</source>
        <translation>本单尚不能结案:</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重开</translation>
    </message>
    <message>
        <source>Reopen {number}</source>
        <translation>重开 {number}</translation>
    </message>
    <message>
        <source>Reopened as {number}; {origin} is read-only now.</source>
        <translation>已重开为 {number};{origin} 现为只读。</translation>
    </message>
    <message>
        <source>Cancel ticket {number}</source>
        <translation>作废 {number}</translation>
    </message>
    <message>
        <source>Cancel only a ticket registered in error. Its number stays used (the numbering has no gaps) and the ticket becomes read-only.</source>
        <translation>仅作废误登记的抱怨单。其编号保留占用(编号连续不断号),作废后本单只读。</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已作废。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) added.</source>
        <translation><numerusform>已添加 %n 个文件。</numerusform></translation>
    </message>
    <message>
        <source>Remove “{name}” from this ticket? The file itself stays in the data folder and the removal is kept in the history.</source>
        <translation>从本单移除“{name}”?文件本身仍保留在数据文件夹中,移除操作记入修改记录。</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>已移除 {name}。</translation>
    </message>
    <message>
        <source>Save {form} as PDF</source>
        <translation>将{form}保存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing {form}…</source>
        <translation>正在生成{form}…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>New complaint ticket</source>
        <translation>新建客户抱怨单</translation>
    </message>
    <message>
        <source>Print / PDF</source>
        <translation>打印 / PDF</translation>
    </message>
    <message>
        <source>Print the ticket's forms as PDF (Ctrl+P)</source>
        <translation>将本单的表单输出为 PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>Opened from another ticket for reading only. Open it from the list to edit it.</source>
        <translation>从其他抱怨单打开,仅供查阅。如需修改,请从抱怨清单中打开。</translation>
    </message>
    <message>
        <source>Reopened as {numbers}: this ticket is read-only; the work goes on in the new one.</source>
        <translation>已重开为 {numbers}:本单只读,后续处理在新单中进行。</translation>
    </message>
    <message>
        <source>Cancelled ({reason}): the ticket is read-only.</source>
        <translation>已作废(原因:{reason}):本单只读。</translation>
    </message>
    <message>
        <source>Read-only.</source>
        <translation>只读。</translation>
    </message>
    <message>
        <source>Complaint {number} {customer}</source>
        <translation>客户抱怨 {number} {customer}</translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>(只读)</translation>
    </message>
    <message>
        <source>Not saved: the ticket was closed, reopened or cancelled meanwhile. Close this window and open the ticket again.</source>
        <translation>未保存:该单已在此期间被结案、重开或作废。请关闭本窗口后重新打开。</translation>
    </message>
    <message>
        <source>The customer is not satisfied with the answer. Reopen the complaint now as a new ticket ({number}-1, -2 …)?</source>
        <translation>顾客对处理结果不满意。现在重开抱怨单({number}-1、-2 …)吗?</translation>
    </message>
    <message>
        <source>New due date recorded; the old one is kept in the history.</source>
        <translation>已重订期限,原期限保留在记录中。</translation>
    </message>
    <message>
        <source>Closed. The ticket is read-only now.</source>
        <translation>已结案,本单现为只读。</translation>
    </message>
    <message>
        <source>A new ticket {number}-N is opened with the registration, the team and the problem description; every deadline starts again now. {number} becomes read-only.</source>
        <translation>将开立新单 {number}-N,沿用登记信息、小组和问题描述;所有期限从现在重新计算。{number} 将变为只读。</translation>
    </message>
    <message>
        <source>Why (what the customer is not satisfied with) *</source>
        <translation>重开原因(顾客不满意之处) *</translation>
    </message>
    <message>
        <source>Files are kept with a registered ticket: correct the marked fields first.</source>
        <translation>附件须挂在已登记的抱怨单上:请先更正标红的字段。</translation>
    </message>
    <message>
        <source>This complaint ticket has unsaved changes. Save them?</source>
        <translation>此抱怨单有未保存的修改,是否保存?</translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <source>Why {n}</source>
        <translation>为什么 {n}</translation>
    </message>
    <message>
        <source>D5–D7 Actions</source>
        <translation>D5–D7 措施</translation>
    </message>
    <message>
        <source>Closed {when} by {who}. {note}</source>
        <translation>{who} 于 {when} 结案。{note}</translation>
    </message>
    <message>
        <source>The ticket is read-only: files can be opened, not added or removed.</source>
        <translation>本单只读:附件可以打开,不能添加或移除。</translation>
    </message>
    <message>
        <source>Adding a file registers the ticket first.</source>
        <translation>添加附件时会先登记本单。</translation>
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
        <source>Verification</source>
        <translation>效果验证</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>验证人</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>验证日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Sorting {n}</source>
        <translation>挑选 {n}</translation>
    </message>
    <message>
        <source>Action {n}</source>
        <translation>措施 {n}</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Photos and files</source>
        <translation>照片与附件</translation>
    </message>
    <message>
        <source>Closing note</source>
        <translation>结案说明</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原单</translation>
    </message>
    <message>
        <source>Reopened as</source>
        <translation>重开为</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Not a date and time (e.g. 2026-03-15 14:30).</source>
        <translation>日期时间格式不正确(例:2026-03-15 14:30)。</translation>
    </message>
    <message>
        <source>Several customers match “{text}”: pick one from the list.</source>
        <translation>有多个顾客与“{text}”相符:请从列表中选择。</translation>
    </message>
    <message>
        <source>No customer matches “{text}”. Create the customer file first.</source>
        <translation>没有与“{text}”相符的顾客。请先建立顾客档案。</translation>
    </message>
    <message>
        <source>Enter the received time to see the deadlines.</source>
        <translation>填写接收时间后显示各项期限。</translation>
    </message>
    <message>
        <source>Preview: stored when the ticket is saved.</source>
        <translation>预览:保存后生效。</translation>
    </message>
    <message>
        <source>due {when} · {state}</source>
        <translation>期限 {when} · {state}</translation>
    </message>
    <message>
        <source>Quarantine batch {batch}: hold it in our warehouse, in production and in transit; release only after 100% inspection. Inform the warehouse, production and sales, and trace where the rest of the batch was shipped.</source>
        <translation>建议隔离批次 {batch}:冻结本公司库存、在制品及在途的该批产品,全数检验合格后方可放行;通知仓库、生产部和营业部,并追溯该批其余产品的发货去向。</translation>
    </message>
</context>
<context>
    <name>ComplaintPages</name>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Type code or name, pick from the list</source>
        <translation>输入编号或名称,从列表中选择</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(请选择)</translation>
    </message>
    <message>
        <source>Major: stops the customer's production, or a batch problem</source>
        <translation>重大:造成顾客停产,或属批量问题</translation>
    </message>
    <message>
        <source>Urgent: answer within 2 days; normal: within 7 days</source>
        <translation>急件:2 天内答复;普通件:7 天内答复</translation>
    </message>
    <message>
        <source>Stops the customer's line</source>
        <translation>造成顾客停线</translation>
    </message>
    <message>
        <source>The customer's own deadline for the corrective-action reply, if any</source>
        <translation>顾客要求的纠正预防措施回复期限(如有)</translation>
    </message>
    <message>
        <source>What the customer found: where, when, how many</source>
        <translation>顾客发现的问题:在哪里、何时、多少件</translation>
    </message>
    <message>
        <source>Replacement, sorting, 8D report, claim…</source>
        <translation>换货、挑选、8D 报告、索赔…</translation>
    </message>
    <message>
        <source>Customer *</source>
        <translation>顾客 *</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Received via</source>
        <translation>接收方式</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>反馈类别</translation>
    </message>
    <message>
        <source>Received at *</source>
        <translation>接收时间 *</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Product model</source>
        <translation>产品型号</translation>
    </message>
    <message>
        <source>Part no.</source>
        <translation>零件号</translation>
    </message>
    <message>
        <source>Batch / lot</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Production date</source>
        <translation>生产日期</translation>
    </message>
    <message>
        <source>Qty delivered</source>
        <translation>交货数量</translation>
    </message>
    <message>
        <source>Qty defective</source>
        <translation>不良数量</translation>
    </message>
    <message>
        <source>Defect category *</source>
        <translation>缺陷类别 *</translation>
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
        <source>Customer's deadline</source>
        <translation>顾客要求期限</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>跟进人</translation>
    </message>
    <message>
        <source>Description *</source>
        <translation>问题描述 *</translation>
    </message>
    <message>
        <source>Customer asks for</source>
        <translation>顾客要求</translation>
    </message>
    <message>
        <source>Who works on the complaint: names, departments and roles (leader first).</source>
        <translation>处理小组:姓名、部门和职责(组长在前)。</translation>
    </message>
    <message>
        <source>e.g. 张伟 (质量保障部, leader); 李强 (生产部); 王芳 (技术部)</source>
        <translation>例:张伟(质量保障部,组长);李强(生产部);王芳(技术部)</translation>
    </message>
    <message>
        <source>Describe the problem with 5W2H: what, where, when, who, why, how, how many.</source>
        <translation>用 5W2H 描述问题:何事、何地、何时、何人、为何、如何、多少。</translation>
    </message>
    <message>
        <source>What / Where / When / Who / Why / How / How many</source>
        <translation>何事 / 何地 / 何时 / 何人 / 为何 / 如何 / 多少</translation>
    </message>
    <message>
        <source>Contain the problem within 24 hours; sort every stock: at the customer, in transit, in our warehouse.</source>
        <translation>24 小时内采取临时围堵措施;挑选各处库存:顾客处、在途、本公司库存。</translation>
    </message>
    <message>
        <source>Containment actions taken</source>
        <translation>已采取的临时围堵措施</translation>
    </message>
    <message>
        <source>Stock sorting</source>
        <translation>库存挑选</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>检查数</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>不良数</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add sorting</source>
        <translation>添加挑选记录</translation>
    </message>
    <message>
        <source>Why did it happen (occurrence) and why did it reach the customer (escape)? Man, machine, material, method, environment, measurement.</source>
        <translation>为什么会发生(产生原因)?为什么流到顾客处(流出原因)?按人、机、料、法、环、测分析。</translation>
    </message>
    <message>
        <source>Summary of the analysis</source>
        <translation>分析概要</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Occurrence category</source>
        <translation>产生原因类别</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>根本原因</translation>
    </message>
    <message>
        <source>Occurrence cause</source>
        <translation>产生原因</translation>
    </message>
    <message>
        <source>Escape category</source>
        <translation>流出原因类别</translation>
    </message>
    <message>
        <source>Escape cause</source>
        <translation>流出原因</translation>
    </message>
    <message>
        <source>Occurrence (why it happened)</source>
        <translation>产生原因(为什么会发生)</translation>
    </message>
    <message>
        <source>Escape (why it was not detected)</source>
        <translation>流出原因(为什么未被发现)</translation>
    </message>
    <message>
        <source>5-Why: one answer per line, each asking “why?” of the one before</source>
        <translation>5-Why:每行一个答案,逐层追问上一行“为什么”</translation>
    </message>
    <message>
        <source>5-Why</source>
        <translation>5-Why</translation>
    </message>
    <message>
        <source>D5–D7 Actions</source>
        <translation>D5–D7 措施</translation>
    </message>
    <message>
        <source>Corrective actions remove the cause (D5) and are implemented and verified (D6); preventive actions (D7) go in the same list. The ticket closes only when every action is verified effective.</source>
        <translation>纠正措施消除原因(D5),实施后验证效果(D6);预防措施(D7)登记在同一表中。所有措施验证有效后才能结案。</translation>
    </message>
    <message>
        <source>Permanent corrective actions chosen</source>
        <translation>确定的永久纠正措施</translation>
    </message>
    <message>
        <source>How they were implemented and verified</source>
        <translation>实施及效果验证情况</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Prevent the same problem on this and similar products. Waiving prevention needs the general manager's approval.</source>
        <translation>防止本产品及类似产品再发生同样问题。不执行预防措施须经总经理核准。</translation>
    </message>
    <message>
        <source>What prevents recurrence</source>
        <translation>防止再发生的做法</translation>
    </message>
    <message>
        <source>Documents updated</source>
        <translation>已更新的文件</translation>
    </message>
    <message>
        <source>FMEA</source>
        <translation>FMEA</translation>
    </message>
    <message>
        <source>Control plan</source>
        <translation>控制计划</translation>
    </message>
    <message>
        <source>Work instruction</source>
        <translation>作业指导书</translation>
    </message>
    <message>
        <source>Add preventive action</source>
        <translation>添加预防措施</translation>
    </message>
    <message>
        <source>Other products or parts with the same risk</source>
        <translation>存在同样风险的其他产品或零件</translation>
    </message>
    <message>
        <source>Similar products</source>
        <translation>类似产品</translation>
    </message>
    <message>
        <source>Prevention waived</source>
        <translation>免除预防措施</translation>
    </message>
    <message>
        <source>No preventive action (approved by the general manager)</source>
        <translation>不执行预防措施(经总经理核准)</translation>
    </message>
    <message>
        <source>Approved by (GM)</source>
        <translation>核准人(总经理)</translation>
    </message>
    <message>
        <source>Approved on</source>
        <translation>核准日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Waiver reason</source>
        <translation>免除原因</translation>
    </message>
    <message>
        <source>Close the ticket with “Close ticket…” once every action is verified, the customer is answered and the return visit found them satisfied.</source>
        <translation>全部措施验证有效、已答复顾客且回访顾客满意后,用“结案…”关闭本单。</translation>
    </message>
    <message>
        <source>Closing summary, lessons learned</source>
        <translation>结案总结、经验教训</translation>
    </message>
    <message>
        <source>Responsibility and claim</source>
        <translation>责任与索赔</translation>
    </message>
    <message>
        <source>Our fault in a batch: which stock to quarantine and how to release it</source>
        <translation>本公司责任的批量问题:隔离哪些库存、如何放行</translation>
    </message>
    <message>
        <source>Responsibility</source>
        <translation>责任归属</translation>
    </message>
    <message>
        <source>Responsible department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Quarantine advice</source>
        <translation>隔离建议</translation>
    </message>
    <message>
        <source>Claim and external loss</source>
        <translation>索赔与外部损失</translation>
    </message>
    <message>
        <source>Claim status</source>
        <translation>索赔状态</translation>
    </message>
    <message>
        <source>Claimed (CNY)</source>
        <translation>索赔金额(元)</translation>
    </message>
    <message>
        <source>Agreed (CNY)</source>
        <translation>确认金额(元)</translation>
    </message>
    <message>
        <source>Paid (CNY)</source>
        <translation>已付金额(元)</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Charged back to supplier</source>
        <translation>转嫁供应商</translation>
    </message>
    <message>
        <source>Charge-back (CNY)</source>
        <translation>转嫁金额(元)</translation>
    </message>
    <message>
        <source>Reward/penalty notice no.</source>
        <translation>奖惩通知单号</translation>
    </message>
    <message>
        <source>Replies and return visit</source>
        <translation>答复与回访</translation>
    </message>
    <message>
        <source>What the customer was told (the approved answer)</source>
        <translation>答复顾客的内容(经核决的处理意见)</translation>
    </message>
    <message>
        <source>not asked yet</source>
        <translation>尚未回访</translation>
    </message>
    <message>
        <source>satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>not satisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Replies to the customer</source>
        <translation>回复顾客</translation>
    </message>
    <message>
        <source>Answer to the customer</source>
        <translation>答复顾客</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>First reply</source>
        <translation>首次回复</translation>
    </message>
    <message>
        <source>Containment reply</source>
        <translation>临时对策回复</translation>
    </message>
    <message>
        <source>Corrective-action reply</source>
        <translation>纠正预防措施回复</translation>
    </message>
    <message>
        <source>Answered at</source>
        <translation>答复时间</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>答复人</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <source>Visited at</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Customer satisfied?</source>
        <translation>顾客是否满意</translation>
    </message>
    <message>
        <source>Visit notes</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Photos and files</source>
        <translation>照片与附件</translation>
    </message>
    <message>
        <source>Photos of the defect, the customer's letter, measurement reports. Double-click opens a file.</source>
        <translation>不良照片、顾客来函、测量报告等。双击打开文件。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
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
</context>
<context>
    <name>ComplaintSettingsPages</name>
    <message>
        <source>Numbering</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>The prefix of each kind of record. A new prefix numbers the records entered from now on; records already stored keep their numbers. Each year starts at 0001.</source>
        <translation>各类记录编号的前缀。新前缀只用于此后录入的记录;已保存记录的编号不变。每年从 0001 开始。</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>客户抱怨</translation>
    </message>
    <message>
        <source>Numbers look like {prefix}-2026-0001; a reopened ticket adds -1.</source>
        <translation>编号形如 {prefix}-2026-0001;重开的抱怨单在后面加 -1。</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Field service reports</source>
        <translation>现场服务报告</translation>
    </message>
    <message>
        <source>Visit reports</source>
        <translation>走访报告</translation>
    </message>
    <message>
        <source>This computer is laptop {code}: its reports carry the code after the prefix. The office's starter file brings the office's prefixes; a new starter file replaces these.</source>
        <translation>本机是笔记本电脑 {code}:其报告编号在前缀后带有该代码。前缀随办公室的初始文件而来;导入新的初始文件时会被替换。</translation>
    </message>
    <message>
        <source>A laptop gets the prefixes of field service and visit reports with its starter file (Data → Make a starter file for a laptop…) and adds its own code: FW-L1-2026-0001.</source>
        <translation>笔记本电脑通过初始文件(数据 → 为笔记本电脑制作初始文件…)获得现场服务报告和走访报告的前缀,并加上自己的代码:FW-L1-2026-0001。</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>列表</translation>
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
        <source>Deadlines</source>
        <translation>期限</translation>
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
        <source>Working-day calendar</source>
        <translation>工作日历</translation>
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
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The settings are saved, but the deadlines of open tickets could not be updated: {reason}
They are updated when each ticket is saved next.</source>
        <translation>设置已保存,但未能更新处理中抱怨单的期限:{reason}
各抱怨单下次保存时会自动更新。</translation>
    </message>
    <message>
        <source>Updating the deadlines of open tickets…</source>
        <translation>正在更新处理中抱怨单的期限…</translation>
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
        <source>* Estimated deadline: the public holidays of {years} are not known yet, so working days are counted Monday to Friday. Enter them under Settings → Working-day calendar.</source>
        <translation>* 估算期限:{years} 年的法定节假日尚未收录,工作日按周一至周五估算。请在“设置 → 工作日历”中录入。</translation>
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
        <translation>起 年-月-日</translation>
    </message>
    <message>
        <source>to YYYY-MM-DD</source>
        <translation>止 年-月-日</translation>
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
        <source>Preview and print</source>
        <translation>预览并打印</translation>
    </message>
    <message>
        <source>A form of every selected ticket, previewed and printed together (Ctrl+P)</source>
        <translation>所选每张投诉单的同一表单,一起预览并打印(Ctrl+P)</translation>
    </message>
    <message>
        <source>8D report (customer complaint form)…</source>
        <translation>8D 报告(客户抱怨处理单)…</translation>
    </message>
    <message>
        <source>Quality information feedback form…</source>
        <translation>质量信息反馈表…</translation>
    </message>
    <message>
        <source>Corrective/preventive action record…</source>
        <translation>纠正/预防措施记录表…</translation>
    </message>
    <message>
        <source>Prevent-recurrence report…</source>
        <translation>防止不合格品再发生报告…</translation>
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
    <message>
        <source>Select one or more tickets first.</source>
        <translation>请先选择一个或多个投诉单。</translation>
    </message>
    <message>
        <source>{form} ({count} tickets)</source>
        <translation>{form}({count} 张投诉单)</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Saved by someone else meanwhile</source>
        <translation>其他人已先保存</translation>
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
        <source>Your entries are still in the form. What now?</source>
        <translation>您填写的内容仍保留在表单中。接下来怎么做?</translation>
    </message>
    <message>
        <source>Keep my changes and save over theirs</source>
        <translation>保留我的修改并覆盖对方的保存</translation>
    </message>
    <message>
        <source>Discard mine and show theirs</source>
        <translation>放弃我的修改,显示对方保存的内容</translation>
    </message>
    <message>
        <source>Back to my form</source>
        <translation>返回我的表单</translation>
    </message>
    <message>
        <source>Not saved: {user} saved {record} at {time} while you were editing it.</source>
        <translation>未保存:在您编辑期间,{user} 已于 {time} 保存了 {record}。</translation>
    </message>
    <message>
        <source>Not saved: {record} was saved by someone else while you were editing it.</source>
        <translation>未保存:在您编辑期间,其他人已保存了 {record}。</translation>
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
        <source>Potential customer</source>
        <translation>潜在顾客</translation>
    </message>
    <message>
        <source>Purchase volume {year} (10k CNY)</source>
        <translation>{year} 年采购额(万元)</translation>
    </message>
    <message>
        <source>Contact {n} · {field}</source>
        <translation>联系人 {n} · {field}</translation>
    </message>
    <message>
        <source>Product {n} · {field}</source>
        <translation>订购产品 {n} · {field}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
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
        <source>Preview and print…</source>
        <translation>预览并打印…</translation>
    </message>
    <message>
        <source>The customer file shown here, to print or save</source>
        <translation>预览顾客档案,可打印或保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
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
        <source>Not saved: {user} saved this customer meanwhile. Your entries are still in the form.</source>
        <translation>未保存:{user} 在此期间保存了此顾客档案。您填写的内容仍保留在表单中。</translation>
    </message>
    <message>
        <source>Showing the customer as {user} saved it.</source>
        <translation>已显示 {user} 保存的顾客档案内容。</translation>
    </message>
    <message>
        <source>Customer file {code}</source>
        <translation>顾客档案 {code}</translation>
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
    <name>CustomerPicker</name>
    <message>
        <source>Type code or name, pick from the list</source>
        <translation>输入编号或名称,从列表中选择</translation>
    </message>
    <message>
        <source>Several customers match “{text}”: pick one from the list.</source>
        <translation>有多个顾客与“{text}”相符:请从列表中选择。</translation>
    </message>
    <message>
        <source>No customer matches “{text}”. Create the customer file first.</source>
        <translation>没有与“{text}”相符的顾客。请先建立顾客档案。</translation>
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
        <source>Preview and print…</source>
        <translation>预览并打印…</translation>
    </message>
    <message>
        <source>The customer files of every selected customer, to print together</source>
        <translation>所选每个顾客的顾客档案,一起预览并打印</translation>
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
        <source>%Ln customer(s)</source>
        <translation><numerusform>共 %Ln 个顾客</numerusform></translation>
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
        <source>Customer files ({count})</source>
        <translation>顾客档案({count} 份)</translation>
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
    <name>DamagedFileDialog</name>
    <message>
        <source>{app}: the data file is damaged</source>
        <translation>{app}:数据文件已损坏</translation>
    </message>
    <message>
        <source>The data file cannot be used: it is damaged. Nothing was overwritten — the file has been set aside unchanged as:
{moved}</source>
        <translation>数据文件已损坏,无法使用。没有任何内容被覆盖——该文件已原样移至:
{moved}</translation>
    </message>
    <message>
        <source>What was found: {problem}</source>
        <translation>检查发现:{problem}</translation>
    </message>
    <message>
        <source>The newest good backup is from {when} ({size}):
{path}

Restore it to go on with the data as they were then; what was entered after that has to be entered again.</source>
        <translation>最新的完好备份是 {when} 的备份({size}):
{path}

恢复它即可按当时的数据继续工作;此后录入的内容需要重新录入。</translation>
    </message>
    <message>
        <source>No good backup was found. You can start with an empty data file (the damaged one stays where it is, for an expert to rescue), or quit.</source>
        <translation>没有找到完好的备份。可以用空的数据文件开始(损坏的文件保留原处,可请专业人员抢救),或者退出。</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>恢复此备份</translation>
    </message>
    <message>
        <source>Start with an empty data file</source>
        <translation>用空的数据文件开始</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>DataFileActions</name>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Back up to…</source>
        <translation>备份到…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Check the data file</source>
        <translation>检查数据文件</translation>
    </message>
    <message>
        <source>Export the audit trail…</source>
        <translation>导出审计记录…</translation>
    </message>
    <message>
        <source>No backup was made: {reason}

The data file is unchanged.</source>
        <translation>未能备份:{reason}

数据文件未作任何改动。</translation>
    </message>
    <message>
        <source>Backup failed.</source>
        <translation>备份失败。</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Backup made and checked: {path}</source>
        <translation>已备份并检查通过:{path}</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <source>The backup was made and checked (integrity check passed):
{path}
{size}, {when}</source>
        <translation>备份已完成并通过完整性检查:
{path}
{size},{when}</translation>
    </message>
    <message>
        <source>Backing up the data file…</source>
        <translation>正在备份数据文件…</translation>
    </message>
    <message>
        <source>Back up the data file to</source>
        <translation>将数据文件备份到</translation>
    </message>
    <message>
        <source>QualityDesk data files (*.sqlite3)</source>
        <translation>QualityDesk 数据文件 (*.sqlite3)</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>audit-trail.xlsx</source>
        <translation>审计记录.xlsx</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Audit trail exported: {path}</source>
        <translation>审计记录已导出:{path}</translation>
    </message>
    <message>
        <source>Exporting the audit trail…</source>
        <translation>正在导出审计记录…</translation>
    </message>
    <message>
        <source>Checking the data file…</source>
        <translation>正在检查数据文件…</translation>
    </message>
    <message>
        <source>Data file checked: no problems found.</source>
        <translation>数据文件检查完毕:未发现问题。</translation>
    </message>
    <message>
        <source>No problems found in
{path}

The integrity check, the links between records and the audit trail are in order.</source>
        <translation>未发现问题:
{path}

完整性检查、记录之间的关联和审计追踪均正常。</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有 {count} 个问题</translation>
    </message>
    <message>
        <source>Data file checked: {count} problem(s).</source>
        <translation>数据文件检查完毕:发现 {count} 个问题。</translation>
    </message>
    <message>
        <source>The check found problems in
{path}

{problems}

Nothing was changed. Make a backup to another place now (Back up to…), and consider restoring the newest backup from before the problem.</source>
        <translation>检查发现以下问题:
{path}

{problems}

未作任何改动。请立即备份到其他位置(备份到…),并考虑恢复问题出现之前的最新备份。</translation>
    </message>
    <message>
        <source>The data file could not be checked.</source>
        <translation>无法检查数据文件。</translation>
    </message>
    <message>
        <source>The data file could not be checked: {reason}</source>
        <translation>无法检查数据文件:{reason}</translation>
    </message>
</context>
<context>
    <name>DataFileOpener</name>
    <message>
        <source>{app} is already open</source>
        <translation>{app} 已在运行</translation>
    </message>
    <message>
        <source>{message}

This copy of {app} closes now.</source>
        <translation>{message}

本次启动的 {app} 将关闭。</translation>
    </message>
    <message>
        <source>Where the data file lives</source>
        <translation>数据文件的存放位置</translation>
    </message>
    <message>
        <source>The backup could not be restored: {reason}</source>
        <translation>无法恢复该备份:{reason}</translation>
    </message>
    <message>
        <source>The data file was damaged ({problem}); kept as {path}</source>
        <translation>数据文件已损坏({problem}),原文件保留为 {path}</translation>
    </message>
    <message>
        <source>The data file could not be opened:
{path}

{reason}</source>
        <translation>无法打开数据文件:
{path}

{reason}</translation>
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
    <name>DateTimeField</name>
    <message>
        <source>YYYY-MM-DD HH:MM</source>
        <translation>年-月-日 时:分,如 2024-03-15 14:30</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Fill in the current date and time</source>
        <translation>填入当前日期和时间</translation>
    </message>
</context>
<context>
    <name>DeadlinesPanel</name>
    <message>
        <source>Deadlines</source>
        <translation>期限</translation>
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
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>done late</source>
        <translation>逾期完成</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>{name} (customer's deadline)</source>
        <translation>{name}(顾客要求)</translation>
    </message>
    <message>
        <source>Done {when}</source>
        <translation>完成于 {when}</translation>
    </message>
    <message>
        <source>Public holidays of {years} are not known yet; working days are counted Monday to Friday. Enter the official calendar in the settings.</source>
        <translation>{years} 年节假日未知,按周一至周五估算工作日。请在设置中录入官方假期安排。</translation>
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
    <name>EditingBanner</name>
    <message>
        <source>{user} is also editing this record (since {time})</source>
        <translation>{user} 也在编辑此记录(自 {time} 起)</translation>
    </message>
</context>
<context>
    <name>EditingMarker</name>
    <message>
        <source>{user} is editing (since {time})</source>
        <translation>{user} 正在编辑(自 {time} 起)</translation>
    </message>
</context>
<context>
    <name>ExcelImportDialog</name>
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
    <message>
        <source>The data as they were before the import: {path}</source>
        <translation>导入前的数据已备份:{path}</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>未导入任何数据:{reason}</translation>
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
    <name>FailureHistoryDialog</name>
    <message>
        <source>Product failure history</source>
        <translation>产品失败履历表</translation>
    </message>
    <message>
        <source>Every complaint, returned item and field-service finding of one part or product, in date order.</source>
        <translation>某一零件或产品的全部客户抱怨、退货明细和现场服务发现,按日期排列。</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>零件</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
</context>
<context>
    <name>FieldForms</name>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <source>Field service reports ({count})</source>
        <translation>现场服务及走访报告({count} 份)</translation>
    </message>
    <message>
        <source>Save as Excel</source>
        <translation>另存为 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the monthly service report…</source>
        <translation>正在生成月度服务报告…</translation>
    </message>
</context>
<context>
    <name>FieldRecordDialog</name>
    <message>
        <source>Print / PDF</source>
        <translation>打印 / PDF</translation>
    </message>
    <message>
        <source>Print the report as PDF (Ctrl+P)</source>
        <translation>将报告打印为 PDF(Ctrl+P)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存:请更正标红的字段。</translation>
    </message>
    <message>
        <source>Saved as {number}.</source>
        <translation>已保存,编号 {number}。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Not saved: {user} saved this report meanwhile. Your entries are still in the form.</source>
        <translation>未保存:{user} 在此期间保存了此报告。您填写的内容仍保留在表单中。</translation>
    </message>
    <message>
        <source>Showing the report as {user} saved it.</source>
        <translation>已显示 {user} 保存的报告内容。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The form has unsaved changes. Save them first?</source>
        <translation>表单有未保存的修改。先保存吗?</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>This report has unsaved changes. Save them?</source>
        <translation>此报告有未保存的修改。是否保存?</translation>
    </message>
</context>
<context>
    <name>FieldServiceTab</name>
    <message>
        <source>Field service</source>
        <translation>现场服务</translation>
    </message>
    <message>
        <source>Search number, customer, engineer, product, serial no., problem (Ctrl+F)</source>
        <translation>搜索编号、顾客、工程师、产品、序列号、问题(Ctrl+F)</translation>
    </message>
    <message>
        <source>Reports and visits</source>
        <translation>服务报告和走访</translation>
    </message>
    <message>
        <source>Engineer / visitor</source>
        <translation>工程师 / 走访人</translation>
    </message>
    <message>
        <source>All months</source>
        <translation>全部月份</translation>
    </message>
    <message>
        <source>Open follow-ups only</source>
        <translation>仅未完成跟进</translation>
    </message>
    <message>
        <source>Service reports not solved for good, visits with follow-ups not yet verified</source>
        <translation>未彻底解决的服务报告、跟进措施尚未验证的走访</translation>
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
        <source>Service report…</source>
        <translation>现场服务报告…</translation>
    </message>
    <message>
        <source>Visit report…</source>
        <translation>走访报告…</translation>
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
        <source>Delete a report written in error; every value stays in the history</source>
        <translation>删除误录的报告;所有内容仍保留在修改记录中</translation>
    </message>
    <message>
        <source>Customers whose next visit by the cadence is overdue</source>
        <translation>按走访周期已逾期未走访的顾客</translation>
    </message>
    <message>
        <source>Print / PDF</source>
        <translation>打印 / PDF</translation>
    </message>
    <message>
        <source>Forms and the monthly service report (Ctrl+P)</source>
        <translation>表单和月度服务报告(Ctrl+P)</translation>
    </message>
    <message>
        <source>Preview and print the selected reports…</source>
        <translation>预览并打印所选报告…</translation>
    </message>
    <message>
        <source>Preview and print a blank service report…</source>
        <translation>预览并打印空白服务报告…</translation>
    </message>
    <message>
        <source>Preview and print the monthly service report…</source>
        <translation>预览并打印月度服务报告…</translation>
    </message>
    <message>
        <source>Selected report (PDF)…</source>
        <translation>所选报告(PDF)…</translation>
    </message>
    <message>
        <source>Blank service report (PDF)…</source>
        <translation>空白现场服务报告(PDF)…</translation>
    </message>
    <message>
        <source>Monthly service report (PDF)…</source>
        <translation>月度服务报告(PDF)…</translation>
    </message>
    <message>
        <source>Monthly service report (Excel)…</source>
        <translation>月度服务报告(Excel)…</translation>
    </message>
    <message>
        <source>Overdue visits ({count})</source>
        <translation>逾期走访 ({count})</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation><numerusform>%Ln 条记录</numerusform></translation>
    </message>
    <message>
        <source>Delete {number}</source>
        <translation>删除 {number}</translation>
    </message>
    <message>
        <source>Delete only a report written in error. Every value stays in the history and the number is not given again.</source>
        <translation>仅删除误录的报告。所有内容仍保留在修改记录中,编号不会再次使用。</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <source>Monthly service report</source>
        <translation>月度服务报告</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份:</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>FieldTableModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Engineers / visitors</source>
        <translation>工程师 / 走访人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>未完成跟进</translation>
    </message>
    <message>
        <source>Next visit {date}</source>
        <translation>下次走访 {date}</translation>
    </message>
    <message>
        <source>{hours} h on site</source>
        <translation>现场 {hours} 小时</translation>
    </message>
</context>
<context>
    <name>HelpViewer</name>
    <message>
        <source>QualityDesk user guide</source>
        <translation>QualityDesk 用户指南</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>The user guide is missing from this installation:
{path}</source>
        <translation>本安装中缺少用户指南:
{path}</translation>
    </message>
</context>
<context>
    <name>HistoryTable</name>
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
        <source>cancelled</source>
        <translation>作废</translation>
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
        <source>Choose the customer register</source>
        <translation>选择顾客台账</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) imported.</source>
        <translation><numerusform>已导入 %n 个顾客。</numerusform></translation>
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
        <source>Choose the complaint ledger</source>
        <translation>选择客户抱怨处理总表</translation>
    </message>
    <message>
        <source>{count} of the valid rows are closed or cancelled in the old ledger; they keep that status and are read-only here.</source>
        <translation>有效行中有 {count} 行在原总表中已结案或已作废,导入后保留原状态,在本程序中为只读。</translation>
    </message>
    <message>
        <source>{count} ticket(s) imported.</source>
        <translation>已导入 {count} 张抱怨单。</translation>
    </message>
    <message>
        <source>Importing complaint tickets…</source>
        <translation>正在导入抱怨单…</translation>
    </message>
</context>
<context>
    <name>ImprovementActionDialog</name>
    <message>
        <source>Improvement action for survey {number}</source>
        <translation>满意度调查 {number} 的改进措施</translation>
    </message>
    <message>
        <source>An item below the threshold needs an improvement action with a responsible unit. It is verified like any other action.</source>
        <translation>低于警戒线的项目须采取改进措施并指定责任单位,措施的效果同样须验证。</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>调查项目</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Action *</source>
        <translation>措施 *</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due *</source>
        <translation>完成期限 *</translation>
    </message>
    <message>
        <source>Survey {campaign}: “{item}” averages {average}, below the threshold {threshold}. Find the causes with the customers' comments and improve.</source>
        <translation>满意度调查 {campaign}:“{item}”平均得分 {average},低于警戒线 {threshold}。请结合顾客意见分析原因并改进。</translation>
    </message>
</context>
<context>
    <name>InviteePickDialog</name>
    <message>
        <source>Questionnaires of {number}</source>
        <translation>{number} 的调查表</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Coverage tier</source>
        <translation>覆盖层级</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复情况</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>未答复</translation>
    </message>
</context>
<context>
    <name>InviteeTableModel</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Coverage tier</source>
        <translation>覆盖层级</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复情况</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>答复日期</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>调查方式</translation>
    </message>
    <message>
        <source>Surveyor</source>
        <translation>调查人</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>满意度指数</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未答复</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>部分作答</translation>
    </message>
    <message>
        <source>Answered after the answer-by date</source>
        <translation>在回收截止日期之后答复</translation>
    </message>
    <message>
        <source>Some items were not answered</source>
        <translation>有项目未作答</translation>
    </message>
</context>
<context>
    <name>KpiTable</name>
    <message>
        <source>Complaints received</source>
        <translation>接收抱怨</translation>
    </message>
    <message>
        <source>Complaints closed</source>
        <translation>抱怨结案</translation>
    </message>
    <message>
        <source>Open at month end</source>
        <translation>月末未结案</translation>
    </message>
    <message>
        <source>Overdue at month end</source>
        <translation>月末超期</translation>
    </message>
    <message>
        <source>Returned quantity (pcs)</source>
        <translation>退货数量(件)</translation>
    </message>
    <message>
        <source>Claims amount</source>
        <translation>索赔金额</translation>
    </message>
    <message>
        <source>Satisfaction index</source>
        <translation>满意度指数</translation>
    </message>
    <message>
        <source>Original complaint tickets (not the -1/-2 reopenings, not cancelled) received in the month. Bulk periodic returns are never complaints. Fewer is better.</source>
        <translation>当月接收的原始抱怨单(不含 -1/-2 重开单,不含已取消)。统退货不计为抱怨。越少越好。</translation>
    </message>
    <message>
        <source>Tickets (originals and reopenings) closed in the month. More is better.</source>
        <translation>当月结案的抱怨单(含原始单和重开单)。越多越好。</translation>
    </message>
    <message>
        <source>Tickets (originals and reopenings) received by the end of the month, not cancelled and not closed by then. Fewer is better.</source>
        <translation>月末前接收、未取消且到月末仍未结案的抱怨单(含原始单和重开单)。越少越好。</translation>
    </message>
    <message>
        <source>Open at the end of the month (this month: today) with the answer to the customer due before then. Fewer is better.</source>
        <translation>月末(本月为今天)仍未结案且答复顾客期限已过的抱怨单。越少越好。</translation>
    </message>
    <message>
        <source>Pieces returned on the returns received in the month, bulk returns included. Fewer is better.</source>
        <translation>当月接收的退货的退货数量(件),含统退货。越少越好。</translation>
    </message>
    <message>
        <source>Amount claimed on the tickets received in the month. Less is better.</source>
        <translation>当月接收的抱怨单的索赔金额。越少越好。</translation>
    </message>
    <message>
        <source>The satisfaction index of the newest survey campaign ended by the end of the month. Higher is better.</source>
        <translation>月末前结束的最近一次满意度调查的满意度指数。越高越好。</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Same month last year</source>
        <translation>去年同月</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Change vs
last month</source>
        <translation>较上月</translation>
    </message>
    <message>
        <source>Change vs
last year</source>
        <translation>较去年同月</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of the window on this computer. It changes when the settings are saved, as with the Language menu; the forms and reports keep theirs.</source>
        <translation>本机窗口的界面语言。保存设置后即切换,与“语言”菜单相同;表单和报表的语言不受影响。</translation>
    </message>
</context>
<context>
    <name>LineEditor</name>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>检验</translation>
    </message>
    <message>
        <source>What the inspection found on the returned pieces</source>
        <translation>检验退回品时发现的问题</translation>
    </message>
    <message>
        <source>Why it is not our fault, as told to the customer</source>
        <translation>非本公司责任的理由(向顾客说明)</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检验员</translation>
    </message>
    <message>
        <source>Inspected on</source>
        <translation>检验日期</translation>
    </message>
    <message>
        <source>Qty inspected</source>
        <translation>检验数</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>合格数</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>不良数</translation>
    </message>
    <message>
        <source>Defect category</source>
        <translation>不良类别</translation>
    </message>
    <message>
        <source>Defect found</source>
        <translation>不良现象</translation>
    </message>
    <message>
        <source>Responsibility</source>
        <translation>责任归属</translation>
    </message>
    <message>
        <source>Explanation for the customer</source>
        <translation>向顾客的说明</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处置</translation>
    </message>
    <message>
        <source>blank: return number-line</source>
        <translation>留空:退货单号-行号</translation>
    </message>
    <message>
        <source>What to rework, how, acceptance</source>
        <translation>重工内容、方法及验收要求</translation>
    </message>
    <message>
        <source>Nonconforming product report no.</source>
        <translation>不合格品报告单号</translation>
    </message>
    <message>
        <source>Stock short</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>Not enough stock for the replacement: plan urgent production</source>
        <translation>换货库存不足:安排紧急生产</translation>
    </message>
    <message>
        <source>Urgent production</source>
        <translation>紧急生产</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>重工</translation>
    </message>
    <message>
        <source>Rework order no.</source>
        <translation>重工工令号</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>作业指示</translation>
    </message>
    <message>
        <source>Rework notes</source>
        <translation>重工说明</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>Scrap report no.</source>
        <translation>报废单号</translation>
    </message>
    <message>
        <source>Return to customer</source>
        <translation>退回顾客</translation>
    </message>
    <message>
        <source>Accept as is</source>
        <translation>让步接收</translation>
    </message>
    <message>
        <source>Concession approved by</source>
        <translation>让步批准人</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>三包 warranty</source>
        <translation>三包</translation>
    </message>
    <message>
        <source>Disposed by</source>
        <translation>处置人</translation>
    </message>
    <message>
        <source>Disposed on</source>
        <translation>处置日期</translation>
    </message>
    <message>
        <source>No defective pieces to dispose of.</source>
        <translation>没有需要处置的不良品。</translation>
    </message>
    <message>
        <source>{disposed} of {defective} defective disposed of</source>
        <translation>已处置 {disposed} / 不良 {defective}</translation>
    </message>
</context>
<context>
    <name>LinePhotos</name>
    <message>
        <source>The return is read-only: photos can be opened, not added or removed.</source>
        <translation>退货单为只读:照片可以打开,不能添加或移除。</translation>
    </message>
    <message>
        <source>Save the return first: photos are kept with a saved line.</source>
        <translation>请先保存退货单:照片随已保存的明细保存。</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) added to line {line}.</source>
        <translation><numerusform>已为第 {line} 行添加 %n 张照片。</numerusform></translation>
    </message>
    <message>
        <source>Remove “{name}” from line {line}? The file itself stays in the data folder and the removal is kept in the history.</source>
        <translation>从第 {line} 行移除“{name}”?文件本身仍保留在数据文件夹中,移除操作记入修改记录。</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>已移除 {name}。</translation>
    </message>
</context>
<context>
    <name>LinesPanel</name>
    <message>
        <source>Material no. *</source>
        <translation>物料号 *</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Qty *</source>
        <translation>数量 *</translation>
    </message>
    <message>
        <source>Customer's reason</source>
        <translation>顾客退货原因</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加明细</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除明细</translation>
    </message>
    <message>
        <source>to inspect</source>
        <translation>待检验</translation>
    </message>
    <message>
        <source>disposed of</source>
        <translation>已处置</translation>
    </message>
    <message>
        <source>to dispose of</source>
        <translation>待处置</translation>
    </message>
    <message>
        <source>urgent production</source>
        <translation>紧急生产</translation>
    </message>
</context>
<context>
    <name>ListLoader</name>
    <message>
        <source>The list could not be read: {reason}</source>
        <translation>无法读取列表:{reason}</translation>
    </message>
</context>
<context>
    <name>LogoField</name>
    <message>
        <source>Choose logo…</source>
        <translation>选择标志…</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>移除标志</translation>
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
<context>
    <name>MainWindow</name>
    <message>
        <source>QualityDesk — {path}</source>
        <translation>QualityDesk 质量服务台 — {path}</translation>
    </message>
    <message>
        <source>Database server: {database}</source>
        <translation>数据库服务器:{database}</translation>
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
        <source>Export returns summary to Excel…</source>
        <translation>导出退货汇总表到 Excel…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Opening the data…</source>
        <translation>正在打开数据…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
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
        <source>The database is on a server: its administrator backs it up.</source>
        <translation>数据库在服务器上:由服务器管理员负责备份。</translation>
    </message>
    <message>
        <source>The complaint deadlines could not be read: {reason}</source>
        <translation>无法读取抱怨单期限:{reason}</translation>
    </message>
    <message>
        <source>All records are kept in the database on the server:
{database}</source>
        <translation>所有记录保存在服务器上的数据库中:
{database}</translation>
    </message>
    <message>
        <source>All records are kept in this file:
{path}</source>
        <translation>所有记录都保存在此文件中:
{path}</translation>
    </message>
</context>
<context>
    <name>MonthlySummaryDialog</name>
    <message>
        <source>Monthly complaint summary</source>
        <translation>顾客投诉/抱怨汇总处理表</translation>
    </message>
    <message>
        <source>Counts by customer, product, defect category, department, severity, month and season; repeat problems; Pareto; deadlines; reopen rate; returns; claims; satisfaction; overdue actions.</source>
        <translation>按顾客、产品、不良类别、责任部门、严重度、月份和季节统计;重复问题;柏拉图;期限达成;重开率;退货;索赔;满意度;超期措施。</translation>
    </message>
    <message>
        <source>One month</source>
        <translation>单月</translation>
    </message>
    <message>
        <source>From – to</source>
        <translation>时间段</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
</context>
<context>
    <name>OpenActionDialog</name>
    <message>
        <source>Open an action from return {number}</source>
        <translation>由退货单 {number} 开立措施</translation>
    </message>
    <message>
        <source>The action is kept with the return and verified like any other.</source>
        <translation>措施随退货单保存,并与其他措施一样验证效果。</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Action *</source>
        <translation>措施 *</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due *</source>
        <translation>完成期限 *</translation>
    </message>
</context>
<context>
    <name>OpenActionsDialog</name>
    <message>
        <source>Open actions — {department}</source>
        <translation>未完成措施 — {department}</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>客户抱怨</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>满意度调查</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>顾客走访</translation>
    </message>
    <message>
        <source>{count} open action(s), {overdue} overdue</source>
        <translation>未完成措施 {count} 项,其中超期 {overdue} 项</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Double-click a row to open its record.</source>
        <translation>双击一行可打开对应的记录。</translation>
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
    <name>OverdueVisitsDialog</name>
    <message>
        <source>Overdue visits</source>
        <translation>逾期走访</translation>
    </message>
    <message>
        <source>Visit cadence: every {first} month(s) in the first year of cooperation, every {later} month(s) after; a customer's own interval overrides it.</source>
        <translation>走访周期:合作第一年每 {first} 个月一次,之后每 {later} 个月一次;顾客单独设定的间隔优先。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>上次走访</translation>
    </message>
    <message>
        <source>Every (months)</source>
        <translation>间隔(月)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source> month(s)</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>General cadence</source>
        <translation>通用周期</translation>
    </message>
    <message>
        <source>Set interval</source>
        <translation>设定间隔</translation>
    </message>
    <message>
        <source>Visit the selected customer at this interval</source>
        <translation>按此间隔走访所选顾客</translation>
    </message>
    <message>
        <source>New visit…</source>
        <translation>新建走访…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Visit the selected customer every</source>
        <translation>所选顾客走访间隔</translation>
    </message>
    <message>
        <source>never visited</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <source>(own)</source>
        <translation>(单独设定)</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) overdue for a visit</source>
        <translation><numerusform>%n 家顾客逾期未走访</numerusform></translation>
    </message>
</context>
<context>
    <name>OverviewExports</name>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Save as Excel</source>
        <translation>另存为 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Complaint summary {period}</source>
        <translation>顾客投诉抱怨汇总 {period}</translation>
    </message>
    <message>
        <source>Writing the complaint summary…</source>
        <translation>正在生成客户抱怨汇总…</translation>
    </message>
    <message>
        <source>Annual summary {year}</source>
        <translation>年度汇总 {year}</translation>
    </message>
    <message>
        <source>Writing the annual summary…</source>
        <translation>正在生成年度汇总…</translation>
    </message>
    <message>
        <source>Product failure history {part}</source>
        <translation>产品失败履历 {part}</translation>
    </message>
    <message>
        <source>Writing the product failure history…</source>
        <translation>正在生成产品失败履历…</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <source>The month shown</source>
        <translation>显示的月份</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Monthly summary…</source>
        <translation>月度汇总…</translation>
    </message>
    <message>
        <source>顾客投诉/抱怨汇总处理表 for a month or a range, as Excel or PDF</source>
        <translation>顾客投诉/抱怨汇总处理表(某月或某一时间段),Excel 或 PDF</translation>
    </message>
    <message>
        <source>Annual summary…</source>
        <translation>年度汇总…</translation>
    </message>
    <message>
        <source>The year for the management review, as Excel or PDF</source>
        <translation>管理评审用的年度汇总,Excel 或 PDF</translation>
    </message>
    <message>
        <source>Product failure history…</source>
        <translation>产品失败履历…</translation>
    </message>
    <message>
        <source>产品失败履历表 of one part or product, as Excel or PDF</source>
        <translation>某一零件或产品的产品失败履历表,Excel 或 PDF</translation>
    </message>
    <message>
        <source>Management targets…</source>
        <translation>管理目标…</translation>
    </message>
    <message>
        <source>The year's targets judged in the annual summary</source>
        <translation>年度汇总中评定的年度管理目标</translation>
    </message>
    <message>
        <source>Complaints per month</source>
        <translation>每月客户抱怨</translation>
    </message>
    <message>
        <source>Defect categories (Pareto)</source>
        <translation>不良类别(柏拉图)</translation>
    </message>
    <message>
        <source>Complaints by customer (top 10)</source>
        <translation>各顾客抱怨(前 10 名)</translation>
    </message>
    <message>
        <source>Open actions by department</source>
        <translation>各部门未完成措施</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Management reports</source>
        <translation>管理报表</translation>
    </message>
    <message>
        <source>Click a bar to see its records.</source>
        <translation>点击柱形可查看对应的记录。</translation>
    </message>
    <message>
        <source>The figures could not be read: {reason}</source>
        <translation>无法读取统计数据:{reason}</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>抱怨数</translation>
    </message>
    <message>
        <source>Cumulative %</source>
        <translation>累计 %</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>No open actions.</source>
        <translation>没有未完成的措施。</translation>
    </message>
    <message>
        <source>Pareto and customers: complaints received {start} – {end}</source>
        <translation>柏拉图和顾客统计:{start} – {end} 接收的抱怨</translation>
    </message>
    <message>
        <source>No complaints in these 12 months.</source>
        <translation>这 12 个月内没有客户抱怨。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>PartEdit</name>
    <message>
        <source>Part no. or product model</source>
        <translation>零件号或产品型号</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Preview: {title}</source>
        <translation>预览:{title}</translation>
    </message>
    <message>
        <source>First page (Home)</source>
        <translation>第一页(Home)</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>上一页(Page Up)</translation>
    </message>
    <message>
        <source>of {count}</source>
        <translation>共 {count} 页</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>下一页(Page Down)</translation>
    </message>
    <message>
        <source>Last page (End)</source>
        <translation>最后一页(End)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小(Ctrl+-)</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>放大(Ctrl++)</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Save this PDF (Ctrl+S)</source>
        <translation>保存此 PDF(Ctrl+S)</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Choose the printer, copies and pages (Ctrl+P)</source>
        <translation>选择打印机、份数和页码范围(Ctrl+P)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Print {name}</source>
        <translation>打印 {name}</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>文件无法写入:{reason}</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Preview and print</source>
        <translation>预览并打印</translation>
    </message>
    <message>
        <source>The preview could not be made</source>
        <translation>无法生成预览</translation>
    </message>
    <message>
        <source>Preparing the preview of {title}…</source>
        <translation>正在生成 {title} 的预览…</translation>
    </message>
    <message>
        <source>None of the selected records has this form.</source>
        <translation>所选记录都没有这份表单。</translation>
    </message>
    <message>
        <source>Preparing {count} form(s) for printing…</source>
        <translation>正在准备打印 {count} 份表单…</translation>
    </message>
</context>
<context>
    <name>ProposalModel</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Coverage tier</source>
        <translation>覆盖层级</translation>
    </message>
    <message>
        <source>Volume (10k CNY)</source>
        <translation>年采购额(万元)</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>合作年数</translation>
    </message>
    <message>
        <source>Potential</source>
        <translation>潜在顾客</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Answered already: the customer stays invited</source>
        <translation>已答复:该顾客须保留在调查名单中</translation>
    </message>
</context>
<context>
    <name>RecurrencePanel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Double-click to open the earlier ticket (read-only)</source>
        <translation>双击打开以前的抱怨单(只读)</translation>
    </message>
    <message>
        <source>Recurrence check: enter the customer, the part no. (or product model) and the defect category.</source>
        <translation>重复发生检查:请填写顾客、零件号(或产品型号)和缺陷类别。</translation>
    </message>
    <message>
        <source>No earlier ticket of this customer with the same part and defect in the last {months} months.</source>
        <translation>近 {months} 个月内,该顾客没有同一零件同一缺陷的抱怨单。</translation>
    </message>
    <message>
        <source>Recurrence: this customer already has {count} ticket(s) for the same part and defect</source>
        <translation>重复发生:该顾客同一零件同一缺陷已有 {count} 单</translation>
    </message>
</context>
<context>
    <name>RescheduleActionDialog</name>
    <message>
        <source>New due date</source>
        <translation>新的完成期限</translation>
    </message>
    <message>
        <source>Why the date moves</source>
        <translation>期限变更的原因</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ResponseForm</name>
    <message>
        <source>Who answered</source>
        <translation>受访信息</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>受访人</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Answered on *</source>
        <translation>答复日期 *</translation>
    </message>
    <message>
        <source>Method *</source>
        <translation>调查方式 *</translation>
    </message>
    <message>
        <source>Surveyor</source>
        <translation>调查人</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>答卷</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>顾客忠诚度</translation>
    </message>
    <message>
        <source>Will keep buying</source>
        <translation>是否继续采购</translation>
    </message>
    <message>
        <source>Would recommend us (0–10)</source>
        <translation>推荐意愿(0–10)</translation>
    </message>
    <message>
        <source>Comments and suggestions</source>
        <translation>意见与建议</translation>
    </message>
    <message>
        <source>Satisfaction: {keys}</source>
        <translation>满意程度:{keys}</translation>
    </message>
    <message>
        <source>Importance: {keys}</source>
        <translation>重要度:{keys}</translation>
    </message>
    <message>
        <source>Competitors: {keys}</source>
        <translation>与同行比较:{keys}</translation>
    </message>
    <message>
        <source>Enter skips, Delete clears, arrows move, Tab leaves the grid.</source>
        <translation>回车跳过,Delete 清除,方向键移动,Tab 离开表格。</translation>
    </message>
    <message>
        <source>Index {index} · {answered} of {items} item(s) answered</source>
        <translation>指数 {index} · 已答 {answered} / {items} 项</translation>
    </message>
    <message>
        <source>That key means nothing here. {hint}</source>
        <translation>此键在此无效。{hint}</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose the backup to put back. All records in {path} are replaced by the backup's. First, the current data are saved as a safety backup, so this step can be undone.</source>
        <translation>请选择要恢复的备份。{path} 中的全部记录将被备份中的记录取代。恢复之前会先为当前数据做一个安全备份,因此这一步可以撤销。</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>There are no backups in this folder. Choose another folder, or a backup file anywhere with “Choose a file…”.</source>
        <translation>此文件夹中没有备份。请选择其他文件夹,或用“选择文件…”选取任意位置的备份文件。</translation>
    </message>
    <message>
        <source>Choose a backup file</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>QualityDesk data files (*.sqlite3 *.db);;All files (*)</source>
        <translation>QualityDesk 数据文件 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace all records in
{data}
with the backup of {when}
({backup})?

First, the current data are saved as the safety backup
{safety}
so you can go back to them with this same dialog.</source>
        <translation>要用 {when} 的备份
({backup})
取代
{data}
中的全部记录吗?

恢复之前,当前数据会先保存为安全备份
{safety}
之后可在本对话框中恢复到当前状态。</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>恢复此备份?</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>Item</source>
        <translation>调查项目</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>答复数</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均得分</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要度</translation>
    </message>
    <message>
        <source>Better</source>
        <translation>优于同行</translation>
    </message>
    <message>
        <source>Same</source>
        <translation>相当</translation>
    </message>
    <message>
        <source>Worse</source>
        <translation>不如同行</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>改进措施</translation>
    </message>
    <message>
        <source>Open improvement action…</source>
        <translation>开立改进措施…</translation>
    </message>
    <message>
        <source>An action with a responsible unit for the selected item</source>
        <translation>为所选项目开立改进措施并指定责任单位</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>调查项目</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>顾客数</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>应调查</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>调查对象</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation>实际覆盖</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖范围</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>调查活动</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>期间自</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>满意度指数</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>答复日期</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Keep buying</source>
        <translation>继续采购</translation>
    </message>
    <message>
        <source>Recommend</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>Answered customers</source>
        <translation>已答复顾客</translation>
    </message>
    <message>
        <source>Save actions</source>
        <translation>保存措施</translation>
    </message>
    <message>
        <source>Store what was typed in the table (done dates, owners, due dates)</source>
        <translation>保存表中填写的内容(完成日期、负责人、完成期限)</translation>
    </message>
    <message>
        <source>Improvement actions</source>
        <translation>改进措施</translation>
    </message>
    <message>
        <source>Select a campaign to see its results.</source>
        <translation>选择一次调查以查看其结果。</translation>
    </message>
    <message>
        <source>no answers yet</source>
        <translation>尚无答卷</translation>
    </message>
    <message>
        <source>target met</source>
        <translation>达到目标</translation>
    </message>
    <message>
        <source>target not met</source>
        <translation>未达到目标</translation>
    </message>
    <message>
        <source>Satisfaction index</source>
        <translation>满意度指数</translation>
    </message>
    <message>
        <source>target {target}</source>
        <translation>目标 {target}</translation>
    </message>
    <message>
        <source>Response rate {rate} ({answered} of {invited})</source>
        <translation>答复率 {rate}({answered} / {invited})</translation>
    </message>
    <message>
        <source>late {late}</source>
        <translation>逾期 {late}</translation>
    </message>
    <message>
        <source>partial {partial}</source>
        <translation>部分作答 {partial}</translation>
    </message>
    <message>
        <source>Keep buying: {counts}</source>
        <translation>继续采购:{counts}</translation>
    </message>
    <message>
        <source>Recommend {avg} / 10 (promoters {p}, detractors {d}, NPS {nps})</source>
        <translation>推荐意愿 {avg} / 10(推荐者 {p},贬损者 {d},NPS {nps})</translation>
    </message>
    <message>
        <source>closed {day} by {who}</source>
        <translation>{day} 由 {who} 关闭</translation>
    </message>
    <message>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>已开立</translation>
    </message>
    <message>
        <source>Below the threshold {threshold}: an improvement action is needed</source>
        <translation>低于警戒线 {threshold}:须采取改进措施</translation>
    </message>
    <message>
        <source>{below} item(s) below the threshold {threshold}; {without} without an action.</source>
        <translation>{below} 个项目低于警戒线 {threshold};其中 {without} 个尚无改进措施。</translation>
    </message>
    <message>
        <source>No item below the threshold {threshold}.</source>
        <translation>没有项目低于警戒线 {threshold}。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>部分作答</translation>
    </message>
    <message>
        <source>Item: {item}</source>
        <translation>调查项目:{item}</translation>
    </message>
    <message>
        <source>Improvement actions ({n})</source>
        <translation>改进措施({n})</translation>
    </message>
    <message>
        <source>The campaign is closed; reopen it to add actions</source>
        <translation>调查已关闭;如需增加措施,请先重开</translation>
    </message>
    <message>
        <source>Improvement action opened.</source>
        <translation>改进措施已开立。</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存:请更正标红的字段。</translation>
    </message>
    <message>
        <source>Actions saved.</source>
        <translation>措施已保存。</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Select an action in the list first.</source>
        <translation>请先在措施表中选择一项措施。</translation>
    </message>
    <message>
        <source>Verification recorded.</source>
        <translation>已记录验证结果。</translation>
    </message>
    <message>
        <source>New due date recorded; the old one is kept in the history.</source>
        <translation>已重订期限,原期限保留在记录中。</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Print / PDF</source>
        <translation>打印 / PDF</translation>
    </message>
    <message>
        <source>Print the return's forms as PDF (Ctrl+P)</source>
        <translation>将退货单的表单打印为 PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Who changed what, and when</source>
        <translation>谁在何时修改了什么</translation>
    </message>
    <message>
        <source>Open complaint</source>
        <translation>开立抱怨单</translation>
    </message>
    <message>
        <source>Open action…</source>
        <translation>开立措施…</translation>
    </message>
    <message>
        <source>A corrective or preventive action from this return</source>
        <translation>由本退货单开立纠正或预防措施</translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>归档…</translation>
    </message>
    <message>
        <source>Cancel return…</source>
        <translation>作废退货单…</translation>
    </message>
    <message>
        <source>Void a return booked in error</source>
        <translation>作废误登记的退货单</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Forms in Chinese</source>
        <translation>表单用中文</translation>
    </message>
    <message>
        <source>Forms in English</source>
        <translation>表单用英文</translation>
    </message>
    <message>
        <source>Forms bilingual (Chinese / English)</source>
        <translation>表单中英双语</translation>
    </message>
    <message>
        <source>Bulk return</source>
        <translation>统退货</translation>
    </message>
    <message>
        <source>Complaint {number}</source>
        <translation>抱怨单 {number}</translation>
    </message>
    <message>
        <source>Save the return first.</source>
        <translation>请先保存退货单。</translation>
    </message>
    <message>
        <source>Register a complaint ticket from the lines that are our fault</source>
        <translation>以判定为本公司责任的明细开立客户抱怨单</translation>
    </message>
    <message>
        <source>Archived {day} by {who}: this quality record is read-only.</source>
        <translation>已于 {day} 由 {who} 归档:本质量记录为只读。</translation>
    </message>
    <message>
        <source>Cancelled ({reason}): the return is read-only.</source>
        <translation>已作废({reason}):本退货单为只读。</translation>
    </message>
    <message>
        <source>Opened for reading only.</source>
        <translation>以只读方式打开。</translation>
    </message>
    <message>
        <source>New return</source>
        <translation>新建退货单</translation>
    </message>
    <message>
        <source>Preview and print</source>
        <translation>预览并打印</translation>
    </message>
    <message>
        <source>Urgent production</source>
        <translation>紧急生产</translation>
    </message>
    <message>
        <source>Return {number} {customer}</source>
        <translation>退货单 {number} {customer}</translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>(只读)</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存:请更正标红的字段。</translation>
    </message>
    <message>
        <source>Not saved: the return was archived or cancelled meanwhile. Close this window and open the return again.</source>
        <translation>未保存:退货单已在此期间归档或作废。请关闭本窗口后重新打开。</translation>
    </message>
    <message>
        <source>Booked as {number}.</source>
        <translation>已登记,编号 {number}。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Not saved: {user} saved this return meanwhile. Your entries are still in the form.</source>
        <translation>未保存:{user} 在此期间保存了此退货单。您填写的内容仍保留在表单中。</translation>
    </message>
    <message>
        <source>Showing the return as {user} saved it.</source>
        <translation>已显示 {user} 保存的退货单内容。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The form has unsaved changes. Save them first?</source>
        <translation>表单有未保存的修改。先保存吗?</translation>
    </message>
    <message>
        <source>Not archived yet: see the marked fields.</source>
        <translation>尚未归档:请查看标红的字段。</translation>
    </message>
    <message>
        <source>Not ready to archive</source>
        <translation>尚不能归档</translation>
    </message>
    <message>
        <source>The return cannot be archived yet:</source>
        <translation>本退货单尚不能归档:</translation>
    </message>
    <message>
        <source>Archived. The return is read-only now.</source>
        <translation>已归档。退货单现为只读。</translation>
    </message>
    <message>
        <source>Cancel return {number}</source>
        <translation>作废退货单 {number}</translation>
    </message>
    <message>
        <source>Cancel only a return booked in error. Its number stays used (the numbering has no gaps) and the return becomes read-only.</source>
        <translation>仅作废误登记的退货单。其编号保留不再使用(编号连续无缺号),退货单变为只读。</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已作废。</translation>
    </message>
    <message>
        <source>Complaint ticket {number} registered and linked.</source>
        <translation>已登记客户抱怨单 {number} 并关联。</translation>
    </message>
    <message>
        <source>Action opened.</source>
        <translation>已开立措施。</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Select an action in the list first.</source>
        <translation>请先在措施表中选择一项措施。</translation>
    </message>
    <message>
        <source>Save the return before verifying a new action.</source>
        <translation>请先保存退货单,再验证新措施。</translation>
    </message>
    <message>
        <source>Verification recorded.</source>
        <translation>已记录验证结果。</translation>
    </message>
    <message>
        <source>New due date recorded; the old one is kept in the history.</source>
        <translation>已重订期限,原期限保留在记录中。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>This return has unsaved changes. Save them?</source>
        <translation>本退货单有未保存的修改,是否保存?</translation>
    </message>
</context>
<context>
    <name>ReturnForm</name>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>A complaint ticket of this customer (pick by number)</source>
        <translation>该顾客的客户抱怨单(按编号选择)</translation>
    </message>
    <message>
        <source>Bulk periodic return 统退货</source>
        <translation>统退货(定期批量退货)</translation>
    </message>
    <message>
        <source>Returns collected over a period; never a complaint case</source>
        <translation>顾客在一段时期内集中退回的货物;不作为抱怨案件</translation>
    </message>
    <message>
        <source>A bulk return never counts as a complaint.</source>
        <translation>统退货不计为客户抱怨。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Linked complaint</source>
        <translation>关联抱怨单</translation>
    </message>
    <message>
        <source>Customer *</source>
        <translation>顾客 *</translation>
    </message>
    <message>
        <source>Received on *</source>
        <translation>接收日期 *</translation>
    </message>
    <message>
        <source>Warehouse receipt no.</source>
        <translation>入库单号</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Bulk return</source>
        <translation>统退货</translation>
    </message>
    <message>
        <source>Receipt and lines</source>
        <translation>收货与明细</translation>
    </message>
    <message>
        <source>Analysis by manufacturing</source>
        <translation>制造单位分析</translation>
    </message>
    <message>
        <source>Cause found by manufacturing and what was done; needed to archive a return that is our fault</source>
        <translation>制造单位查明的原因及处理;本公司责任的退货归档前必填</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>分析结果</translation>
    </message>
    <message>
        <source>Analysed by</source>
        <translation>分析人</translation>
    </message>
    <message>
        <source>Analysed on</source>
        <translation>分析日期</translation>
    </message>
    <message>
        <source>Corrective and preventive actions</source>
        <translation>纠正和预防措施</translation>
    </message>
    <message>
        <source>Analysis and actions</source>
        <translation>分析与措施</translation>
    </message>
    <message>
        <source>Archived {day} by {who}.</source>
        <translation>已于 {day} 由 {who} 归档。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <source>Line {n} · {field}</source>
        <translation>第 {n} 行 · {field}</translation>
    </message>
    <message>
        <source>Action {n} · {field}</source>
        <translation>措施 {n} · {field}</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Archived on</source>
        <translation>归档日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ReturnForms</name>
    <message>
        <source>Return receipt, inspection and disposition report…</source>
        <translation>退货接收及检验处置报告…</translation>
    </message>
    <message>
        <source>Rework order…</source>
        <translation>重工工令…</translation>
    </message>
    <message>
        <source>Defect (三包) feedback form…</source>
        <translation>不良品(三包件)信息反馈表…</translation>
    </message>
    <message>
        <source>Rework order</source>
        <translation>重工工令</translation>
    </message>
    <message>
        <source>No line of this return is reworked.</source>
        <translation>本退货单没有需要重工的明细。</translation>
    </message>
    <message>
        <source>{form} ({count} returns)</source>
        <translation>{form}({count} 张退货单)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
</context>
<context>
    <name>ReturnTableModel</name>
    <message>
        <source>Number</source>
        <translation>退货单号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <source>Warehouse receipt</source>
        <translation>入库单</translation>
    </message>
    <message>
        <source>Bulk</source>
        <translation>统退</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Qty returned</source>
        <translation>退货数量</translation>
    </message>
    <message>
        <source>Qty defective</source>
        <translation>不良数量</translation>
    </message>
    <message>
        <source>Responsibility</source>
        <translation>责任归属</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Urgent production</source>
        <translation>紧急生产</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>抱怨单</translation>
    </message>
    <message>
        <source>Bulk return</source>
        <translation>统退货</translation>
    </message>
    <message>
        <source>Bulk periodic return: never counted as a complaint</source>
        <translation>统退货:不计为客户抱怨</translation>
    </message>
    <message>
        <source>Replacement needed and stock short: plan urgent production</source>
        <translation>需换货且库存不足:安排紧急生产</translation>
    </message>
</context>
<context>
    <name>ReturnsTab</name>
    <message>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Search number, receipt no., customer, material, batch, defect (Ctrl+F)</source>
        <translation>搜索单号、入库单号、顾客、物料、批号、不良现象 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Bulk and single</source>
        <translation>统退货和单次退货</translation>
    </message>
    <message>
        <source>Bulk returns only</source>
        <translation>仅统退货</translation>
    </message>
    <message>
        <source>Without bulk returns</source>
        <translation>不含统退货</translation>
    </message>
    <message>
        <source>All responsibilities</source>
        <translation>全部责任归属</translation>
    </message>
    <message>
        <source>Disposition open or done</source>
        <translation>处置中和已处置</translation>
    </message>
    <message>
        <source>Disposition open</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>Disposition done</source>
        <translation>已处置</translation>
    </message>
    <message>
        <source>With or without complaint</source>
        <translation>有无抱怨单均可</translation>
    </message>
    <message>
        <source>Linked to a complaint</source>
        <translation>已关联抱怨单</translation>
    </message>
    <message>
        <source>No complaint linked</source>
        <translation>未关联抱怨单</translation>
    </message>
    <message>
        <source>Urgent production only</source>
        <translation>仅紧急生产</translation>
    </message>
    <message>
        <source>from YYYY-MM-DD</source>
        <translation>起 年-月-日</translation>
    </message>
    <message>
        <source>to YYYY-MM-DD</source>
        <translation>止 年-月-日</translation>
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
        <source>Export summary to Excel…</source>
        <translation>导出汇总表到 Excel…</translation>
    </message>
    <message>
        <source>Returns summary for the received-on period set in the filter</source>
        <translation>按筛选中的接收日期区间生成退货汇总表</translation>
    </message>
    <message>
        <source>Print / PDF</source>
        <translation>打印 / PDF</translation>
    </message>
    <message>
        <source>Forms of the selected return as PDF (Ctrl+P)</source>
        <translation>将所选退货单的表单生成 PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>Preview and print the selected returns</source>
        <translation>预览并打印所选退货单</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <source>Not a date (e.g. 2026-03-15); ignored for now.</source>
        <translation>不是有效日期(例:2026-03-15),暂不按此筛选。</translation>
    </message>
    <message>
        <source>{count} return(s)</source>
        <translation>{count} 张退货单</translation>
    </message>
    <message>
        <source>Returns summary {period}.xlsx</source>
        <translation>退货汇总表 {period}.xlsx</translation>
    </message>
    <message>
        <source>Returns summary.xlsx</source>
        <translation>退货汇总表.xlsx</translation>
    </message>
    <message>
        <source>Save returns summary as Excel</source>
        <translation>将退货汇总表另存为 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the returns summary…</source>
        <translation>正在生成退货汇总表…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>RowTable</name>
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
    <name>ServiceReportDialog</name>
    <message>
        <source>Preview and print the service report…</source>
        <translation>预览并打印服务报告…</translation>
    </message>
    <message>
        <source>Preview and print a blank service report for this customer…</source>
        <translation>预览并打印本顾客的空白服务报告…</translation>
    </message>
    <message>
        <source>Service report (PDF)…</source>
        <translation>现场服务报告(PDF)…</translation>
    </message>
    <message>
        <source>Blank service report for this customer (PDF)…</source>
        <translation>该顾客的空白现场服务报告(PDF)…</translation>
    </message>
    <message>
        <source>New service report</source>
        <translation>新建现场服务报告</translation>
    </message>
    <message>
        <source>Service report {number} {customer}</source>
        <translation>现场服务报告 {number} {customer}</translation>
    </message>
    <message>
        <source>Complaint {number}</source>
        <translation>抱怨单 {number}</translation>
    </message>
    <message>
        <source>Save the report first: photos are kept with it.</source>
        <translation>请先保存报告:照片随报告保存。</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) added.</source>
        <translation><numerusform>已添加 %n 张照片。</numerusform></translation>
    </message>
    <message>
        <source>Remove “{name}” from the report? The file itself stays in the data folder and the removal is kept in the history.</source>
        <translation>从报告中移除“{name}”?文件本身仍保留在数据文件夹中,移除操作记入修改记录。</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>已移除 {name}。</translation>
    </message>
</context>
<context>
    <name>ServiceReportForm</name>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Customer and visit</source>
        <translation>顾客与到访</translation>
    </message>
    <message>
        <source>A complaint ticket of this customer (optional)</source>
        <translation>该顾客的投诉单(可选)</translation>
    </message>
    <message>
        <source>From the customer file; change if the site differs</source>
        <translation>取自顾客档案;现场地址不同时请修改</translation>
    </message>
    <message>
        <source>One name per line, or separated by commas</source>
        <translation>每行一个姓名,或用逗号分隔</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Linked complaint</source>
        <translation>关联抱怨单</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>Departure</source>
        <translation>离开时间</translation>
    </message>
    <message>
        <source>Customer *</source>
        <translation>顾客 *</translation>
    </message>
    <message>
        <source>Site address</source>
        <translation>现场地址</translation>
    </message>
    <message>
        <source>Requested on</source>
        <translation>报修日期</translation>
    </message>
    <message>
        <source>Engineers *</source>
        <translation>服务工程师 *</translation>
    </message>
    <message>
        <source>Arrival *</source>
        <translation>到达时间 *</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品型号</translation>
    </message>
    <message>
        <source>Serial / batch no.</source>
        <translation>序列号 / 批号</translation>
    </message>
    <message>
        <source>Work on site</source>
        <translation>现场工作</translation>
    </message>
    <message>
        <source>Problem found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>处理过程</translation>
    </message>
    <message>
        <source>Parts replaced</source>
        <translation>更换零件</translation>
    </message>
    <message>
        <source>Part no.</source>
        <translation>零件号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Quantity *</source>
        <translation>数量 *</translation>
    </message>
    <message>
        <source>Charged / warranty</source>
        <translation>收费 / 保修</translation>
    </message>
    <message>
        <source>Add part</source>
        <translation>添加零件</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>服务报告</translation>
    </message>
    <message>
        <source>Result and the customer's opinion</source>
        <translation>处理结果与顾客意见</translation>
    </message>
    <message>
        <source>(not rated)</source>
        <translation>(未评价)</translation>
    </message>
    <message>
        <source>Name of the customer's person who signs</source>
        <translation>顾客签字人姓名</translation>
    </message>
    <message>
        <source>Result *</source>
        <translation>处理结果 *</translation>
    </message>
    <message>
        <source>Customer rating</source>
        <translation>顾客评价</translation>
    </message>
    <message>
        <source>Customer opinion</source>
        <translation>顾客意见</translation>
    </message>
    <message>
        <source>Customer signatory</source>
        <translation>顾客签字人</translation>
    </message>
    <message>
        <source>Travel cost</source>
        <translation>差旅费</translation>
    </message>
    <message>
        <source>Labour cost</source>
        <translation>服务费</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Result and costs</source>
        <translation>结果与费用</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <source>Part {n} · {field}</source>
        <translation>零件 {n} · {field}</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Not a date and time (e.g. 2026-03-15 09:30).</source>
        <translation>不是有效的日期和时间(例如 2026-03-15 09:30)。</translation>
    </message>
    <message>
        <source>{hours} h on site</source>
        <translation>现场 {hours} 小时</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>This page holds an error.</source>
        <translation>此页有错误。</translation>
    </message>
    <message>
        <source>Nothing is saved yet: please correct the marked pages.</source>
        <translation>尚未保存:请更正标出的页面。</translation>
    </message>
    <message>
        <source>The settings could not be saved: {reason}</source>
        <translation>设置未能保存:{reason}</translation>
    </message>
</context>
<context>
    <name>StepEditor</name>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
</context>
<context>
    <name>SummaryTargetsPage</name>
    <message>
        <source>Management targets</source>
        <translation>管理目标</translation>
    </message>
    <message>
        <source>The complaint targets of the year, judged in the annual summary. Leave a field empty for no target. The satisfaction index target is set with the surveys.</source>
        <translation>本年度的客户抱怨目标,在年度汇总中评定。留空表示不设目标。满意度指数目标在满意度调查中设定。</translation>
    </message>
    <message>
        <source>Complaints in the year, at most</source>
        <translation>全年抱怨数上限</translation>
    </message>
    <message>
        <source>Containment on time, at least %</source>
        <translation>围堵措施及时率下限 %</translation>
    </message>
    <message>
        <source>Answer to the customer on time, at least %</source>
        <translation>答复顾客及时率下限 %</translation>
    </message>
    <message>
        <source>Reopen rate, at most %</source>
        <translation>重开率上限 %</translation>
    </message>
    <message>
        <source>External loss (CNY), at most</source>
        <translation>外部损失上限(元)</translation>
    </message>
    <message>
        <source>empty: no target (e.g. {example})</source>
        <translation>留空表示不设目标(例:{example})</translation>
    </message>
    <message>
        <source>A whole number of complaints.</source>
        <translation>抱怨数应为整数。</translation>
    </message>
</context>
<context>
    <name>SurveyExports</name>
    <message>
        <source>Survey answers</source>
        <translation>顾客满意度调查答卷</translation>
    </message>
    <message>
        <source>Survey questionnaires</source>
        <translation>顾客满意度调查表</translation>
    </message>
    <message>
        <source>Save questionnaires as PDF</source>
        <translation>调查表另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing {count} questionnaire(s)…</source>
        <translation>正在生成 {count} 份调查表…</translation>
    </message>
    <message>
        <source>Survey summary</source>
        <translation>客户满意度调查汇总分析表</translation>
    </message>
    <message>
        <source>Save survey summary as PDF</source>
        <translation>汇总分析表另存为 PDF</translation>
    </message>
    <message>
        <source>Save survey summary as Excel</source>
        <translation>汇总分析表另存为 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the survey summary…</source>
        <translation>正在生成汇总分析表…</translation>
    </message>
    <message>
        <source>Save customer-loss analysis as Excel</source>
        <translation>顾客流失分析另存为 Excel</translation>
    </message>
    <message>
        <source>Customer loss {year}.xlsx</source>
        <translation>顾客流失分析 {year}.xlsx</translation>
    </message>
    <message>
        <source>Writing the customer-loss analysis…</source>
        <translation>正在生成顾客流失分析…</translation>
    </message>
</context>
<context>
    <name>SurveyTargetsPage</name>
    <message>
        <source>Survey targets</source>
        <translation>满意度调查目标</translation>
    </message>
    <message>
        <source>The satisfaction index target of each year, from the first year on; after the last one the last target holds. New campaigns take the target of their year; campaigns already made keep theirs.</source>
        <translation>自起始年度起逐年的满意度指数目标;超过最后一年后沿用最后一个目标。新建的调查采用其年度的目标,已有的调查保留原目标。</translation>
    </message>
    <message>
        <source>empty: the year of the first campaign</source>
        <translation>留空:以第一次调查的年度为起始年度</translation>
    </message>
    <message>
        <source>First year</source>
        <translation>起始年度</translation>
    </message>
    <message>
        <source>Index targets % (year by year)</source>
        <translation>满意度指数目标 %(逐年)</translation>
    </message>
    <message>
        <source>Item threshold %</source>
        <translation>项目警戒线 %</translation>
    </message>
</context>
<context>
    <name>SurveyTiers</name>
    <message>
        <source>≥ 1 M</source>
        <translation>≥ 100万</translation>
    </message>
    <message>
        <source>0.5–1 M</source>
        <translation>50–100万</translation>
    </message>
    <message>
        <source>&lt; 0.5 M, key</source>
        <translation>&lt; 50万(≥2年/潜力)</translation>
    </message>
    <message>
        <source>others</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>&lt; 1 year</source>
        <translation>不满一年</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>已流失</translation>
    </message>
</context>
<context>
    <name>SurveysTab</name>
    <message>
        <source>Questionnaire templates</source>
        <translation>问卷模板</translation>
    </message>
    <message>
        <source>Campaigns and results</source>
        <translation>调查活动</translation>
    </message>
    <message>
        <source>Answer entry</source>
        <translation>答卷录入</translation>
    </message>
    <message>
        <source>Satisfaction surveys</source>
        <translation>满意度调查</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>Export for the office…</source>
        <translation>导出给办公室…</translation>
    </message>
    <message>
        <source>Export everything for the office again…</source>
        <translation>重新导出全部记录给办公室…</translation>
    </message>
    <message>
        <source>Import from a laptop…</source>
        <translation>从笔记本电脑导入…</translation>
    </message>
    <message>
        <source>Make a starter file for a laptop…</source>
        <translation>为笔记本电脑制作初始文件…</translation>
    </message>
    <message>
        <source>Import a starter file…</source>
        <translation>导入初始文件…</translation>
    </message>
    <message>
        <source>QualityDesk sync files (*{suffix})</source>
        <translation>QualityDesk 同步文件 (*{suffix})</translation>
    </message>
    <message>
        <source>Export for the office</source>
        <translation>导出给办公室</translation>
    </message>
    <message>
        <source>Written: {path}
{service} service report(s), {visits} visit report(s), {deleted} deleted, {photos} photo(s).</source>
        <translation>已写入:{path}
现场服务报告 {service} 份,走访报告 {visits} 份,已删除 {deleted} 份,照片 {photos} 张。</translation>
    </message>
    <message>
        <source>Writing the file for the office…</source>
        <translation>正在写入给办公室的文件…</translation>
    </message>
    <message>
        <source>Import from a laptop</source>
        <translation>从笔记本电脑导入</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>Records imported: {added} added, {updated} updated, {deleted} deleted.</source>
        <translation>记录已导入:新增 {added},更新 {updated},删除 {deleted}。</translation>
    </message>
    <message>
        <source>Make a starter file for a laptop</source>
        <translation>为笔记本电脑制作初始文件</translation>
    </message>
    <message>
        <source>The laptop's machine code (1–6 letters or digits, e.g. L1):</source>
        <translation>笔记本电脑的机器代码(1–6 个字母或数字,例:L1):</translation>
    </message>
    <message>
        <source>Written: {path}
{customers} customer(s), {complaints} open complaint(s).</source>
        <translation>已写入:{path}
顾客 {customers} 位,未关闭的投诉 {complaints} 件。</translation>
    </message>
    <message>
        <source>Writing the starter file…</source>
        <translation>正在写入初始文件…</translation>
    </message>
    <message>
        <source>Import a starter file</source>
        <translation>导入初始文件</translation>
    </message>
    <message>
        <source>This laptop's machine code is now {code}.
Customers: {c_added} added, {c_updated} updated. Complaints: {k_added} added, {k_updated} updated.</source>
        <translation>本机的机器代码现为 {code}。
顾客:新增 {c_added},更新 {c_updated}。投诉:新增 {k_added},更新 {k_updated}。</translation>
    </message>
    <message>
        <source>Importing the starter file…</source>
        <translation>正在导入初始文件…</translation>
    </message>
</context>
<context>
    <name>SyncImportDialog</name>
    <message>
        <source>Import from a laptop</source>
        <translation>从笔记本电脑导入</translation>
    </message>
    <message>
        <source>{file} from laptop {laptop}, made {when}</source>
        <translation>{file}:来自笔记本电脑 {laptop},生成于 {when}</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>笔记本电脑</translation>
    </message>
    <message>
        <source>Keep the office's version</source>
        <translation>保留办公室版本</translation>
    </message>
    <message>
        <source>Take the laptop's version</source>
        <translation>采用笔记本电脑版本</translation>
    </message>
    <message>
        <source>Changed on both sides since they last met: choose the version to keep for each ({count}).</source>
        <translation>上次同步以来双方都有改动:请逐条选择要保留的版本(共 {count} 条)。</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>changed on both sides</source>
        <translation>双方都已修改</translation>
    </message>
    <message>
        <source>deleted at the office, changed on the laptop</source>
        <translation>办公室已删除,笔记本电脑上已修改</translation>
    </message>
    <message>
        <source>deleted on the laptop, changed at the office</source>
        <translation>笔记本电脑上已删除,办公室已修改</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Take the laptop's</source>
        <translation>采用笔记本电脑版本</translation>
    </message>
    <message>
        <source>Keep the office's</source>
        <translation>保留办公室版本</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Service reports</source>
        <translation>现场服务报告</translation>
    </message>
    <message>
        <source>Visit reports</source>
        <translation>走访报告</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(已删除)</translation>
    </message>
    <message>
        <source>office kept</source>
        <translation>保留办公室版本</translation>
    </message>
    <message>
        <source>laptop taken</source>
        <translation>采用笔记本电脑版本</translation>
    </message>
    <message>
        <source>{count} conflict(s) still to decide.</source>
        <translation>还有 {count} 处冲突未决定。</translation>
    </message>
    <message>
        <source>Importing the laptop's records…</source>
        <translation>正在导入笔记本电脑的记录…</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>Ask how important each item is (1–5)</source>
        <translation>询问各项目的重要度(1–5)</translation>
    </message>
    <message>
        <source>Ask how we compare with competitors (better / same / worse)</source>
        <translation>询问与同行相比(优于 / 相当 / 不如)</translation>
    </message>
    <message>
        <source>Ask whether the customer will keep buying and would recommend us (0–10)</source>
        <translation>询问是否继续采购、是否愿意推荐(0–10)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>评分方式</translation>
    </message>
    <message>
        <source>Score of each level</source>
        <translation>各等级得分</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要度</translation>
    </message>
    <message>
        <source>Competitors</source>
        <translation>同行比较</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>忠诚度</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <source>Also ask</source>
        <translation>另外询问</translation>
    </message>
    <message>
        <source>Item *</source>
        <translation>调查项目 *</translation>
    </message>
    <message>
        <source>Weight % *</source>
        <translation>权重 % *</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加项目</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Items and weights</source>
        <translation>调查项目及权重</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>问卷模板</translation>
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
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>调查项目</translation>
    </message>
    <message>
        <source>Item {n} · {field}</source>
        <translation>项目 {n} · {field}</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Based on</source>
        <translation>依据版本</translation>
    </message>
    <message>
        <source>Replaced by</source>
        <translation>被新版本取代</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>New questionnaire template</source>
        <translation>新建问卷模板</translation>
    </message>
    <message>
        <source>Questionnaire template {label}</source>
        <translation>问卷模板 {label}</translation>
    </message>
    <message>
        <source>Version {version} was replaced by a newer version. It stays with the campaigns that used it and is read-only.</source>
        <translation>版本 {version} 已被新版本取代,仍保留给使用过它的调查活动,只读。</translation>
    </message>
    <message>
        <source>A campaign uses version {version}, so it is frozen. Saving makes version {next}; the campaigns made with version {version} keep it, and their results keep their meaning.</source>
        <translation>已有调查活动使用版本 {version},该版本已冻结。保存后将生成版本 {next};使用版本 {version} 的调查活动仍保留原版本,其结果含义不变。</translation>
    </message>
    <message>
        <source>Weights total: ? %</source>
        <translation>权重合计:? %</translation>
    </message>
    <message>
        <source>Weights total: {sum} %</source>
        <translation>权重合计:{sum} %</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存:请更正标红的字段。</translation>
    </message>
    <message>
        <source>Saved as version {version}. Version {old} stays with its campaigns.</source>
        <translation>已另存为版本 {version}。版本 {old} 仍保留给原调查活动。</translation>
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
        <source>This template has unsaved changes. Save them?</source>
        <translation>该模板有未保存的修改,是否保存?</translation>
    </message>
</context>
<context>
    <name>TemplateTableModel</name>
    <message>
        <source>Template</source>
        <translation>问卷模板</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>评分方式</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Also asks</source>
        <translation>另外询问</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>importance</source>
        <translation>重要度</translation>
    </message>
    <message>
        <source>competitors</source>
        <translation>同行比较</translation>
    </message>
    <message>
        <source>loyalty</source>
        <translation>忠诚度</translation>
    </message>
    <message>
        <source>old version</source>
        <translation>旧版本</translation>
    </message>
    <message>
        <source>frozen (used by a campaign)</source>
        <translation>已冻结(调查活动已使用)</translation>
    </message>
    <message>
        <source>editable</source>
        <translation>可修改</translation>
    </message>
    <message>
        <source>Editing makes a new version; campaigns keep the version they used</source>
        <translation>修改将生成新版本;调查活动保留其使用的版本</translation>
    </message>
</context>
<context>
    <name>TemplatesView</name>
    <message>
        <source>Show old versions</source>
        <translation>显示旧版本</translation>
    </message>
    <message>
        <source>Versions replaced by a newer one; kept for the campaigns that used them</source>
        <translation>已被新版本取代的版本;为使用过它们的调查活动保留</translation>
    </message>
    <message>
        <source>New template…</source>
        <translation>新建模板…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Copy as new template…</source>
        <translation>复制为新模板…</translation>
    </message>
    <message>
        <source>A new template (version 1) starting from this one</source>
        <translation>以此模板为基础新建模板(版本 1)</translation>
    </message>
    <message>
        <source>A template a campaign uses is frozen: saving it makes a new version, and the campaigns keep the version they were made with.</source>
        <translation>调查活动使用过的模板即冻结:修改保存时生成新版本,原调查活动仍使用原版本。</translation>
    </message>
    <message>
        <source>{count} template(s)</source>
        <translation>{count} 个模板</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name}(副本)</translation>
    </message>
</context>
<context>
    <name>ThisComputerPage</name>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>This PC's data file</source>
        <translation>本机的数据文件</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Takes effect at the next start. The password is never kept here: give it in the PGPASSWORD environment variable or a pgpass file.</source>
        <translation>下次启动时生效。密码不会保存在这里:请把密码放在 PGPASSWORD 环境变量或 pgpass 文件中。</translation>
    </message>
    <message>
        <source>Written in the audit trail for everything done on this PC</source>
        <translation>在本机所做的一切操作都以此名称记入审计记录</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User name on this PC</source>
        <translation>本机用户名</translation>
    </message>
    <message>
        <source>Enter the server's URL, or choose this PC's data file.</source>
        <translation>请填写服务器地址,或选择本机的数据文件。</translation>
    </message>
</context>
<context>
    <name>TrailExportDialog</name>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>Who changed what and when, old → new: a line for every changed field. Leave From empty to start at the first entry, To to end at the last. A trail longer than an Excel sheet (1,048,576 rows) goes on in further sheets.</source>
        <translation>谁在何时改了什么(原值 → 新值):每个改动的字段一行。“从”留空即从第一条记录开始,“至”留空即到最后一条。审计记录超过一个 Excel 工作表的容量(1,048,576 行)时,续写在后面的工作表中。</translation>
    </message>
    <message>
        <source>Every record</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>A record's number or code, e.g. KS-2026-0001 or KH00001</source>
        <translation>记录的编号或代码,例如 KS-2026-0001 或 KH00001</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>No campaigns yet</source>
        <translation>尚无调查活动</translation>
    </message>
    <message>
        <source>{n} answer(s)</source>
        <translation>{n} 份答卷</translation>
    </message>
    <message>
        <source>index, target met</source>
        <translation>指数(达到目标)</translation>
    </message>
    <message>
        <source>index, target not met</source>
        <translation>指数(未达到目标)</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
</context>
<context>
    <name>VerifyActionDialog</name>
    <message>
        <source>Verify action</source>
        <translation>验证措施效果</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Not effective</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>验证结果</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>验证人</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>验证日期</translation>
    </message>
    <message>
        <source>New due date</source>
        <translation>新的完成期限</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>VisitReportDialog</name>
    <message>
        <source>Preview and print the visit report…</source>
        <translation>预览并打印走访报告…</translation>
    </message>
    <message>
        <source>Visit report (PDF)…</source>
        <translation>走访报告(PDF)…</translation>
    </message>
    <message>
        <source>New visit report</source>
        <translation>新建走访报告</translation>
    </message>
    <message>
        <source>Visit report {number} {customer}</source>
        <translation>走访报告 {number} {customer}</translation>
    </message>
    <message numerus="yes">
        <source>%n open follow-up(s)</source>
        <translation><numerusform>%n 项跟进未完成</numerusform></translation>
    </message>
    <message>
        <source>Follow-up actions</source>
        <translation>跟进措施</translation>
    </message>
    <message>
        <source>Select an action in the list first.</source>
        <translation>请先在措施表中选择一项措施。</translation>
    </message>
    <message>
        <source>Save the visit report before verifying a new action.</source>
        <translation>请先保存走访报告,再验证新措施。</translation>
    </message>
    <message>
        <source>Verification recorded.</source>
        <translation>已记录验证结果。</translation>
    </message>
    <message>
        <source>New due date recorded; the old one is kept in the history.</source>
        <translation>已重订期限,原期限保留在记录中。</translation>
    </message>
</context>
<context>
    <name>VisitReportForm</name>
    <message>
        <source>What was promised to the customer: each follow-up has an owner and a due date and is verified when done.</source>
        <translation>对顾客的承诺:每项跟进措施都有负责人和完成期限,完成后验证效果。</translation>
    </message>
    <message>
        <source>Follow-up actions</source>
        <translation>跟进措施</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Suggested by the customer's visit cadence; change it if agreed otherwise</source>
        <translation>按顾客的走访周期建议;另有约定时可修改</translation>
    </message>
    <message>
        <source>One name per line, or separated by commas</source>
        <translation>每行一个姓名,或用逗号分隔</translation>
    </message>
    <message>
        <source>The customer's people who took part</source>
        <translation>参加的顾客人员</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Customer *</source>
        <translation>顾客 *</translation>
    </message>
    <message>
        <source>Visited on *</source>
        <translation>走访日期 *</translation>
    </message>
    <message>
        <source>Next visit</source>
        <translation>下次走访</translation>
    </message>
    <message>
        <source>Visitors *</source>
        <translation>走访人 *</translation>
    </message>
    <message>
        <source>Customer attendees</source>
        <translation>顾客参加人员</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>走访内容</translation>
    </message>
    <message>
        <source>Customer feedback</source>
        <translation>顾客反馈</translation>
    </message>
    <message>
        <source>Customer requests</source>
        <translation>顾客要求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>验证人</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>验证日期</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Action {n} · {field}</source>
        <translation>措施 {n} · {field}</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Welcome to QualityDesk</source>
        <translation>欢迎使用 QualityDesk</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Hide this page; it is not shown again for this database on this PC</source>
        <translation>隐藏此页;本机打开此数据库时不再显示</translation>
    </message>
    <message>
        <source>The database holds no records yet. Enter your company and your name for the forms, then try the program with demo data or bring in your Excel registers. The other tabs can be used at any time.</source>
        <translation>数据库中还没有任何记录。请先填写公司名称和表单上的填表人,然后可载入演示数据试用本程序,或导入原有的 Excel 台账。其他标签页随时可用。</translation>
    </message>
    <message>
        <source>Printed as 填表人 on the forms</source>
        <translation>打印在表单的“填表人”一栏</translation>
    </message>
    <message>
        <source>Written in the audit trail for everything done on this PC</source>
        <translation>在本机所做的一切操作都以此名称记入审计记录</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Your company</source>
        <translation>贵公司</translation>
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
        <source>User name on this PC</source>
        <translation>本机用户名</translation>
    </message>
    <message>
        <source>Load demo data</source>
        <translation>载入演示数据</translation>
    </message>
    <message>
        <source>{customers} customers, {complaints} complaint tickets, {returns} returns, {surveys} satisfaction surveys and a month of field service, to try everything.</source>
        <translation>{customers} 位顾客、{complaints} 张抱怨单、{returns} 张退货单、{surveys} 次满意度调查和一个月的现场服务,可试用全部功能。</translation>
    </message>
    <message>
        <source>Import customers from Excel…</source>
        <translation>从 Excel 导入顾客…</translation>
    </message>
    <message>
        <source>Import complaint ledger from Excel…</source>
        <translation>从 Excel 导入客户抱怨处理总表…</translation>
    </message>
    <message>
        <source>Get started</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>Moving an existing data file to this server? Do it before entering anything here: qualitydesk migrate-to needs an empty database.</source>
        <translation>要把已有的数据文件迁移到此服务器?请在这里录入任何内容之前进行:qualitydesk migrate-to 只能迁移到空数据库。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>The demo data could not be loaded: {reason}</source>
        <translation>演示数据未能载入:{reason}</translation>
    </message>
</context>
<context>
    <name>WorkflowDialog</name>
    <message>
        <source>Action {n}: {description}
Responsible {owner} · due {due} · done {done}</source>
        <translation>措施 {n}:{description}
负责人 {owner} · 期限 {due} · 完成 {done}</translation>
    </message>
</context>
<context>
    <name>_FormatChoice</name>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
</context>
</TS>