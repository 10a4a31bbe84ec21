"""Field-level validation errors that the GUI shows next to the field and the CLI prints."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from app.i18n import pick

# code -> (Chinese, English); {placeholders} filled from FieldError.params
MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("必填。", "Required."),
    "too_long": ("过长(最多 {max} 个字符)。", "Too long (at most {max} characters)."),
    "db_url_password": (
        "不要在此填写密码:请把密码放在 PGPASSWORD 环境变量或 pgpass 文件中。",
        "Do not put the password here: give it in the PGPASSWORD environment variable or a "
        "pgpass file.",
    ),
    "db_url_shape": (
        "数据库地址格式不对,应类似 postgresql+psycopg://用户@服务器:5432/qualitydesk。",
        "Not a database URL; it should look like postgresql+psycopg://user@server:5432/qualitydesk.",
    ),
    "db_url_kind": (
        "只支持 PostgreSQL 服务器(postgresql+psycopg://…)。",
        "Only a PostgreSQL server is supported (postgresql+psycopg://…).",
    ),
    "code_taken": (
        "编号 {code} 已被顾客“{name}”使用。",
        "Code {code} is already used by “{name}”.",
    ),
    "code_chars": (
        "编号只能包含字母、数字和 - _ . /,不能有空格。",
        "A code may contain letters, digits and - _ . / only, no spaces.",
    ),
    "email_shape": (
        "电子邮箱格式不正确(例:name@company.com)。",
        "Not an e-mail address (e.g. name@company.com).",
    ),
    "phone_shape": (
        "电话格式不正确:5–20 位数字,可含 + - ( ) 空格 转。",
        "Not a phone number: 5–20 digits, may contain + - ( ) spaces and 转/ext.",
    ),
    "date_future": ("日期不能晚于今天。", "The date cannot be later than today."),
    "date_too_old": ("日期早于 {min},请检查。", "The date is before {min}; please check it."),
    "date_shape": ("日期格式不正确(例:2024-03-15)。", "Not a date (e.g. 2024-03-15)."),
    "choice": (
        "无效的取值“{value}”,可选:{allowed}。",
        "Invalid value “{value}”; allowed: {allowed}.",
    ),
    "number_shape": ("不是数字。", "Not a number."),
    "negative": ("不能为负数。", "Cannot be negative."),
    "too_large": ("数值过大(最大 {max})。", "Too large (at most {max})."),
    "year_range": ("年份应在 {min}–{max} 之间。", "The year must be between {min} and {max}."),
    "year_duplicate": ("{year} 年重复填写。", "Year {year} is entered twice."),
    "duplicate_in_file": (
        "编号 {code} 在文件中重复(第 {row} 行)。",
        "Code {code} appears twice in the file (row {row}).",
    ),
    "not_found": ("找不到编号为 {code} 的顾客。", "No customer with code {code}."),
    # importing from Excel
    "file_not_found": ("找不到文件 {path}。", "File not found: {path}."),
    "file_not_xlsx": (
        "{path} 不是有效的 Excel 工作簿(.xlsx),或文件已损坏。",
        "{path} is not a valid Excel workbook (.xlsx), or it is damaged.",
    ),
    "file_xls": (
        "{path} 是旧版 .xls 格式,请在 Excel 中另存为 .xlsx 后再导入。",
        "{path} is in the old .xls format; save it as .xlsx in Excel, then import that.",
    ),
    "file_unreadable": ("无法读取文件 {path}:{reason}", "Cannot read {path}: {reason}"),
    "sheet_not_found": (
        "工作簿中没有工作表“{sheet}”(现有:{sheets})。",
        "The workbook has no sheet “{sheet}” (it has: {sheets}).",
    ),
    "no_header": (
        "工作表“{sheet}”中找不到表头行(至少有两个非空单元格的一行)。",
        "No header row in sheet “{sheet}” (a row with at least two non-empty cells).",
    ),
    # hostile workbooks: refused before anything is read from them, nothing is imported
    "file_encrypted": (
        "{path} 设有密码(已加密),无法读取。请在 Excel 中取消密码后另存,再导入。",
        "{path} is password-protected (encrypted); save it without a password, then import that.",
    ),
    "file_macros": (
        "{path} 含有宏(.xlsm / VBA),不予导入。请在 Excel 中另存为“Excel 工作簿(*.xlsx)”后再导入。",
        "{path} contains macros (.xlsm / VBA) and is not imported; save it as an "
        "“Excel Workbook (*.xlsx)” and import that.",
    ),
    "file_unpacks_too_big": (
        "{path} 解压后达 {size} MB(最多 {max} MB),可能是“压缩炸弹”,不予导入。",
        "{path} would unpack to {size} MB (at most {max} MB); refused as a possible zip bomb.",
    ),
    "file_packed_too_tight": (
        "{path} 中的 {part} 压缩比为 {ratio}:1(最多 {max}:1),可能是“压缩炸弹”,不予导入。",
        "{path}: {part} is compressed {ratio}:1 (at most {max}:1); refused as a possible zip bomb.",
    ),
    "file_too_many_parts": (
        "{path} 包含 {count} 个部件(最多 {max} 个),不予导入。",
        "{path} holds {count} parts (at most {max}); it is not imported.",
    ),
    "file_xml_entities": (
        "{path} 的 {part} 含有 XML 实体或 DOCTYPE 声明(Excel 从不写入),可能是恶意文件,不予导入。",
        "{path}: {part} declares XML entities or a DOCTYPE, which Excel never writes; "
        "refused as possibly malicious.",
    ),
    "sheet_too_big": (
        "工作表“{sheet}”超过 {max_rows} 行或 {max_cols} 列,不予导入。请分成较小的文件后再导入。",
        "Sheet “{sheet}” has more than {max_rows} rows or {max_cols} columns; it is not "
        "imported. Split it into smaller files.",
    ),
    "sheet_claims_too_big": (
        "工作表“{sheet}”声明的范围 {ref} 超过 {max_rows} 行或 {max_cols} 列,不予导入。",
        "Sheet “{sheet}” declares the range {ref}, more than {max_rows} rows or {max_cols} "
        "columns; it is not imported.",
    ),
    # the audit trail's hash chain (qualitydesk check)
    "audit_changed": (
        "修改记录第 {id} 条写入后被改动(哈希值与内容不符)。",
        "Audit trail entry {id} was altered after it was written (its hash does not match).",
    ),
    "audit_missing": (
        "修改记录第 {first}–{last} 条缺失(已被删除),在第 {id} 条之前。",
        "Audit trail entries {first}–{last} are missing (deleted), before entry {id}.",
    ),
    "audit_chain_broken": (
        "修改记录第 {id} 条与前一条(第 {prev} 条)接不上:哈希链在此断开。",
        "Audit trail entry {id} does not follow entry {prev}: the hash chain is broken there.",
    ),
    "audit_unguarded": (
        "修改记录表缺少防止修改和删除的触发器({names})。",
        "The audit trail has lost the triggers that refuse changes and deletions ({names}).",
    ),
    "audit_no_chain": (
        "修改记录没有哈希链(列 prev_hash/row_hash 缺失)。",
        "The audit trail has no hash chain (columns prev_hash/row_hash are missing).",
    ),
    "audit_more": ("修改记录另有 {count} 处问题。", "The audit trail has {count} more problem(s)."),
    # complaint tickets
    "more_than": ("不能大于 {other}。", "Cannot be more than {other}."),
    "before_received": ("不能早于接收时间。", "Cannot be before the complaint was received."),
    "before_reply": ("不能早于答复顾客的时间。", "Cannot be before the answer to the customer."),
    "needs_reply": ("请先填写答复顾客的时间和内容。", "Record the answer to the customer first."),
    "customer_unknown": ("找不到该顾客,请重新选择。", "This customer does not exist; pick again."),
    "number_taken": ("编号 {number} 已存在。", "Number {number} already exists."),
    "ticket_not_found": ("找不到编号为 {number} 的抱怨单。", "No complaint ticket {number}."),
    "action_has_history": (
        "已验证或改过期限的措施不能删除(记录须保留)。",
        "An action that was verified or rescheduled cannot be deleted (the record is kept).",
    ),
    "action_not_done": (
        "措施尚未完成,不能验证效果;如已逾期,请重订日期。",
        "The action is not done yet, so it cannot be verified; if it is late, set a new due date.",
    ),
    "before_done": ("不能早于完成日期。", "Cannot be before the date it was done."),
    "already_verified": ("该措施已验证有效。", "This action is already verified as effective."),
    "due_after_verification": (
        "新的完成期限应晚于验证日期。",
        "The new due date must be after the verification date.",
    ),
    "same_due": ("新期限与原期限相同。", "The new due date is the same as the old one."),
    "due_in_past": ("新期限不能早于今天。", "The new due date cannot be before today."),
    "record_locked": (
        "{number} 已结案、归档、关闭或作废,是只读记录,不能再修改;如需更正,请先重开。",
        "{number} is closed, archived or cancelled and read-only; reopen it to correct it.",
    ),
    "not_open": (
        "该抱怨单已结案、重开或作废,不能再修改。",
        "This ticket is closed, reopened or cancelled and can no longer be changed.",
    ),
    "close_responsibility": (
        "结案前请确定责任归属。",
        "Determine the responsibility before closing.",
    ),
    "close_no_corrective": (
        "本公司或供应商责任:结案前须有纠正措施。",
        "Our or the supplier's responsibility: a corrective action is needed before closing.",
    ),
    "close_no_prevention": (
        "结案前须有预防措施;不执行须经总经理核准。",
        "A preventive action is needed before closing, or its waiver approved by the general manager.",
    ),
    "close_unverified": (
        "第 {rows} 项措施尚未验证有效。",
        "Action(s) {rows} not yet verified as effective.",
    ),
    "close_waiver": (
        "免除预防措施须记录总经理核准人及日期。",
        "A waived prevention needs the general manager's approval (name and date).",
    ),
    "close_no_reply": (
        "结案前须记录答复顾客的时间和内容。",
        "Record the answer to the customer before closing.",
    ),
    "close_no_visit": (
        "结案前须完成回访并记录顾客是否满意。",
        "Make the return visit and record whether the customer is satisfied before closing.",
    ),
    "close_unsatisfied": (
        "顾客对处理不满意:请重开抱怨单,而不是结案。",
        "The customer is not satisfied: reopen the ticket instead of closing it.",
    ),
    "reopen_not_answered": (
        "尚未答复顾客,不能重开;请继续处理本单。",
        "The customer has not been answered yet; carry on with this ticket instead of reopening.",
    ),
    "customer_has_records": (
        "顾客“{name}”有 {tickets} 张抱怨单、{returns} 张退货单、{surveys} 次满意度调查记录、"
        "{field} 份现场服务或走访报告,不能删除;如不再合作,请将状态设为“已流失”。",
        "“{name}” has {tickets} complaint ticket(s), {returns} return(s), {surveys} survey "
        "record(s) and {field} service or visit report(s) and cannot be deleted; set its status "
        "to Lost instead.",
    ),
    # returns
    "not_positive": ("应大于 0。", "Must be more than 0."),
    "inspection_sum": (
        "合格数 {good} + 不良数 {defective} = {sum},应等于检验数 {inspected}。",
        "Good {good} + defective {defective} = {sum}; it must equal the {inspected} inspected.",
    ),
    "disposition_sum": (
        "处置数量合计 {sum},应等于不良数 {defective}。",
        "The disposition adds up to {sum}; it must equal the {defective} defective.",
    ),
    "inspect_first": ("请先记录检验结果,再处置。", "Record the inspection before the disposition."),
    "before_inspection": ("不能早于检验日期。", "Cannot be before the inspection."),
    "disposition_missing": (
        "已填处置日期,请分配处置数量。",
        "A disposition date is set; split the quantities as well.",
    ),
    "needs_quantity": (
        "只有重工数量大于 0 时才填写重工工令和作业指示。",
        "A rework order and instruction need a rework quantity.",
    ),
    "stock_short_needs_replace": (
        "只有需要换货时才标记库存不足。",
        "Stock short applies only when pieces are replaced.",
    ),
    "before_return_received": (
        "不能早于退货接收日期。",
        "Cannot be before the return was received.",
    ),
    "no_lines": ("至少填写一行退货明细。", "Enter at least one returned item."),
    "too_many_lines": ("明细最多 {max} 行。", "At most {max} lines."),
    "complaint_unknown": (
        "找不到该抱怨单,请重新选择。",
        "This complaint ticket does not exist; pick again.",
    ),
    "complaint_other_customer": (
        "抱怨单 {number} 属于其他顾客。",
        "Complaint ticket {number} belongs to another customer.",
    ),
    "return_not_found": ("找不到编号为 {number} 的退货单。", "No return {number}."),
    "part_not_found": (
        "没有任何投诉、退货或现场服务记录提到 {part}。",
        "No complaint, return or field-service record names {part}.",
    ),
    "return_locked": (
        "该退货单已归档或作废,不能再修改。",
        "This return is archived or cancelled and can no longer be changed.",
    ),
    "archive_not_disposed": (
        "第 {rows} 行尚未检验并处置完毕,不能归档。",
        "Line(s) {rows} are not yet inspected and disposed of; the return cannot be archived.",
    ),
    "archive_no_analysis": (
        "本公司责任的退货,归档前须有制造单位的分析结果。",
        "A return that is our fault needs the manufacturing analysis before it is archived.",
    ),
    "bulk_not_complaint": (
        "统退货不作为客户抱怨案件;如需改善,请开立纠正措施。",
        "A bulk periodic return is not a complaint; open a corrective action instead.",
    ),
    "complaint_already_linked": (
        "已关联抱怨单 {number}。",
        "Already linked to complaint ticket {number}.",
    ),
    "complaint_needs_our_fault": (
        "没有判定为本公司责任的明细,不能开立抱怨单。",
        "No line is judged to be our fault, so no complaint ticket can be opened.",
    ),
    "file_too_large": ("文件过大(最大 {max} MB)。", "The file is too large (at most {max} MB)."),
    "prefix_shape": (
        "前缀为 1–10 个字母或数字,以字母开头。",
        "The prefix is 1–10 letters or digits, starting with a letter.",
    ),
    "prefix_taken": (
        "前缀 {prefix} 已用于其他记录的编号,请换一个。",
        "The prefix {prefix} already numbers other records; choose another.",
    ),
    "duplicate_entry": ("“{value}”重复。", "“{value}” appears twice."),
    "range": ("应在 {min}–{max} 之间。", "Must be between {min} and {max}."),
    "bool_shape": ("应填“是”或“否”,而不是“{value}”。", "Expected yes or no, not “{value}”."),
    # satisfaction surveys
    "survey_no_items": ("至少填写一个调查项目。", "Enter at least one survey item."),
    "survey_too_many_items": ("调查项目最多 {max} 个。", "At most {max} survey items."),
    "weights_sum": (
        "各项目权重合计应为 100 %,目前为 {sum} %。",
        "The item weights must add up to 100 %; they add up to {sum} % now.",
    ),
    "five_scores_count": (
        "五级评分须填写 5 个分值(很满意…很不满意)。",
        "The 5-level scale needs 5 scores (very satisfied … very dissatisfied).",
    ),
    "five_scores_order": (
        "五级评分应从“很满意”到“很不满意”依次不升高。",
        "The 5-level scores must go from very satisfied down to very dissatisfied, none higher than the one before.",
    ),
    "survey_template_not_found": ("找不到该调查表模板。", "This survey template does not exist."),
    "survey_template_retired": (
        "该模板已有新版本,请改用最新版本。",
        "A newer version of this template exists; use that one.",
    ),
    "survey_template_answered": (
        "已有顾客答复,不能更换调查表模板。",
        "Customers have already answered, so the template cannot be changed.",
    ),
    "too_many_targets": ("目标最多 {max} 个。", "At most {max} targets."),
    "survey_period_year": (
        "调查期间应从 {year} 年开始。",
        "The survey period must start in {year}.",
    ),
    "trail_empty_period": (
        "此期间没有写入任何审计记录。",
        "No audit trail entry was written in this period.",
    ),
    "trail_no_record": ("审计记录中没有 {record}。", "The audit trail has no record {record}."),
    "trail_no_record_in_period": (
        "{record} 在此期间没有审计记录。",
        "The audit trail has no entry of {record} in this period.",
    ),
    "survey_end_before_start": (
        "结束日期不能早于开始日期。",
        "The end date cannot be before the start date.",
    ),
    "survey_answer_by_early": (
        "回收截止日期不能早于调查期间开始。",
        "The answer-by date cannot be before the period starts.",
    ),
    "survey_invitee_twice": ("顾客“{name}”重复列入。", "“{name}” is on the list twice."),
    "survey_invitee_answered": (
        "顾客“{name}”已答复,不能从调查名单中删除。",
        "“{name}” has answered and cannot be removed from the list.",
    ),
    "survey_campaign_not_found": ("找不到编号为 {number} 的调查。", "No survey {number}."),
    "survey_not_closed": ("该调查未关闭,无需重开。", "This survey is not closed."),
    "survey_locked": (
        "该调查已关闭,不能再修改;如需更正,请先重开。",
        "This survey is closed and can no longer be changed; reopen it to correct it.",
    ),
    "survey_item_unknown": (
        "该项目不属于本调查的模板。",
        "This item is not part of the survey's template.",
    ),
    "survey_item_twice": ("同一项目答复了两次。", "The same item is answered twice."),
    "survey_before_period": (
        "答复日期不能早于调查期间开始({date})。",
        "The answer cannot be dated before the period starts ({date}).",
    ),
    "survey_no_response": ("该顾客尚未答复。", "This customer has not answered."),
    # field service and customer visits
    "machine_code_shape": (
        "机器代码为 1–6 个字母或数字(办公室电脑留空)。",
        "The machine code is 1–6 letters or digits (empty on the office PC).",
    ),
    "departure_before_arrival": (
        "离开时间应晚于到达时间。",
        "The departure must be after the arrival.",
    ),
    "requested_after_arrival": (
        "报修日期不能晚于到达日期。",
        "The request date cannot be after the arrival.",
    ),
    "part_name_required": ("请填写零件号或名称。", "Enter a part number or a name."),
    "too_many_parts": ("更换零件最多 {max} 行。", "At most {max} parts."),
    "before_visit": ("不能早于走访日期。", "Cannot be before the visit."),
    "next_visit_before_visit": (
        "下次走访日期应晚于本次走访。",
        "The next visit must be after this visit.",
    ),
    "service_report_not_found": (
        "找不到编号为 {number} 的现场服务报告。",
        "No service report {number}.",
    ),
    "visit_report_not_found": ("找不到编号为 {number} 的走访报告。", "No visit report {number}."),
    # the sync file .qdsync (laptop ↔ office): refused before anything is written
    "sync_not_zip": (
        "{path} 不是 QualityDesk 同步文件(.qdsync),或文件不完整/已损坏;未导入任何数据。",
        "{path} is not a QualityDesk sync file (.qdsync), or it is incomplete or damaged; "
        "nothing was imported.",
    ),
    "sync_missing_member": (
        "{path} 缺少 {member},文件不完整;未导入任何数据。",
        "{path} lacks {member}: the file is incomplete; nothing was imported.",
    ),
    "sync_unexpected_member": (
        "{path} 含有不属于同步文件的内容({member});未导入任何数据。",
        "{path} holds something a sync file does not ({member}); nothing was imported.",
    ),
    "sync_checksum": (
        "{path} 中 {member} 的校验和不符:文件被改动或已损坏;未导入任何数据。",
        "{path}: the checksum of {member} does not match (the file was altered or damaged); "
        "nothing was imported.",
    ),
    "sync_foreign": (
        "{path} 不是 QualityDesk 同步文件(格式“{format}”);未导入任何数据。",
        "{path} is not a QualityDesk sync file (format “{format}”); nothing was imported.",
    ),
    "sync_newer": (
        "{path} 由较新版本的 QualityDesk 生成(格式版本 {version},本程序支持 {supported}),"
        "请先升级本程序;未导入任何数据。",
        "{path} was made by a newer QualityDesk (format version {version}; this one reads "
        "{supported}); update this program first. Nothing was imported.",
    ),
    "sync_unpacks_too_big": (
        "{path} 解压后达 {size} MB(最多 {max} MB),可能是“压缩炸弹”;未导入任何数据。",
        "{path} would unpack to {size} MB (at most {max} MB); refused as a possible zip bomb.",
    ),
    "sync_packed_too_tight": (
        "{path} 中的 {member} 压缩比为 {ratio}:1(最多 {max}:1),可能是“压缩炸弹”;未导入任何数据。",
        "{path}: {member} is compressed {ratio}:1 (at most {max}:1); refused as a possible "
        "zip bomb.",
    ),
    "sync_too_many_members": (
        "{path} 含 {count} 个部分(最多 {max});未导入任何数据。",
        "{path} holds {count} parts (at most {max}); nothing was imported.",
    ),
    "sync_malformed": (
        "{path} 的内容无法读取({reason});未导入任何数据。",
        "The contents of {path} cannot be read ({reason}); nothing was imported.",
    ),
    "sync_own_file": (
        "{path} 是本机导出的文件,不能导入本机;未导入任何数据。",
        "{path} was made on this very computer and cannot be imported here; nothing was imported.",
    ),
    "sync_starter_not_export": (
        "{path} 是给笔记本电脑的初始文件,应在笔记本电脑上用“导入初始文件”导入;未导入任何数据。",
        "{path} is a starter file for a laptop: import it on the laptop with “Import a starter "
        "file”. Nothing was imported.",
    ),
    "sync_export_not_starter": (
        "{path} 是笔记本电脑的导出文件,应在办公室电脑上用“从笔记本电脑导入”导入;未导入任何数据。",
        "{path} is a laptop's export: import it on the office PC with “Import from a laptop”. "
        "Nothing was imported.",
    ),
    "sync_number_taken": (
        "编号 {number}(来自 {machine})在本机已被另一条记录使用;未导入任何数据。",
        "Number {number} (from {machine}) is already used here by another record; nothing was "
        "imported.",
    ),
    "sync_customer_unknown": (
        "{number} 的顾客 {customer} 在本机不存在;未导入任何数据。请先建立该顾客。",
        "The customer {customer} of {number} is not in this data file; nothing was imported. "
        "Create the customer first.",
    ),
    "sync_code_taken": (
        "顾客编号 {code} 在本机已被另一位顾客“{name}”使用;未导入任何数据。",
        "Customer code {code} is used here by another customer, “{name}”; nothing was imported.",
    ),
    "sync_conflicts_open": (
        "还有 {count} 处冲突未决定(保留办公室版本或采用笔记本电脑版本);未写入任何数据。",
        "{count} conflict(s) not decided yet (keep the office's version or take the laptop's); "
        "nothing was written.",
    ),
    "sync_file_changed": (
        "{path} 在预览之后被改动,请重新导入;未写入任何数据。",
        "{path} changed after the preview; import it again. Nothing was written.",
    ),
    "sync_data_changed": (
        "{number} 在预览之后在本机被修改,请重新导入;未写入任何数据。",
        "{number} was changed here after the preview; import again. Nothing was written.",
    ),
    "sync_photo_missing": (
        "{number} 的照片 {name} 缺失或已损坏,无法导出。",
        "The photo {name} of {number} is missing or damaged; nothing was exported.",
    ),
    "sync_machine_code": (
        "笔记本电脑的机器代码为 1–6 个字母或数字(例:L1),不能为“{code}”。",
        "A laptop's machine code is 1–6 letters or digits (e.g. L1), not “{code}”.",
    ),
    "sync_machine_code_own": (
        "机器代码 {code} 是本机自己的代码,请给笔记本电脑另一个代码。",
        "{code} is this computer's own machine code; give the laptop another one.",
    ),
    "sync_no_backup": (
        "导入前无法备份,未导入任何数据:{reason}",
        "No backup could be made before the import; nothing was imported: {reason}",
    ),
}


@dataclass(frozen=True)
class FieldError:
    code: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        zh, en = MESSAGES[self.code]
        return pick(zh, en, lang).format(**self.params)


class RecordLocked(Exception):
    """The record is closed, archived or cancelled (a quality record) and cannot be edited."""

    def __init__(self, number: str, status: str):
        self.number, self.status = number, status
        super().__init__(f"{number} is {status} and read-only")


class ValidationError(Exception):
    """Input refused; errors maps a field path (e.g. "contacts[1].phone") to its error."""

    def __init__(self, errors: dict[str, FieldError]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v.message('en')}" for k, v in errors.items()))

    def messages(self, lang: str | None = None) -> dict[str, str]:
        return {path: err.message(lang) for path, err in self.errors.items()}


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE_CHARS = re.compile(r"^[0-9+()\-\s/,、;转分机extEXT.#*]+$")
_CODE = re.compile(r"^[A-Za-z0-9\-_./]+$")
EARLIEST_DATE = date(1900, 1, 1)


def check_email(value: str) -> FieldError | None:
    return None if not value or _EMAIL.match(value) else FieldError("email_shape")


def check_phone(value: str) -> FieldError | None:
    if not value:
        return None
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE_CHARS.match(value) or not 5 <= digits <= 20:
        return FieldError("phone_shape")
    return None


def check_code(value: str) -> FieldError | None:
    if not value:
        return FieldError("required")
    if not _CODE.match(value):
        return FieldError("code_chars")
    return None


def check_length(value: str, maximum: int) -> FieldError | None:
    return FieldError("too_long", {"max": maximum}) if len(value) > maximum else None


def check_past_date(value: date | None, today: date | None = None) -> FieldError | None:
    if value is None:
        return None
    if value > (today or date.today()):
        return FieldError("date_future")
    if value < EARLIEST_DATE:
        return FieldError("date_too_old", {"min": EARLIEST_DATE.isoformat()})
    return None
