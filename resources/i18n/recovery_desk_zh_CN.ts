<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Application</name>
    <message>
        <source>Recovery Desk</source>
        <translation>服务补救台</translation>
    </message>
</context>
<context>
    <name>ApprovalsView</name>
    <message>
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>补偿</translation>
    </message>
    <message>
        <source>Value (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Case summary</source>
        <translation>案件摘要</translation>
    </message>
    <message>
        <source>Note to the advisor (required to refuse)</source>
        <translation>给顾问的说明（拒绝时必填）</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;fuse</source>
        <translation>拒绝(&amp;F)</translation>
    </message>
    <message>
        <source>No remedies are waiting for approval.</source>
        <translation>没有等待审批的补偿。</translation>
    </message>
    <message>
        <source>Remedies above an advisor&apos;s authority wait here for your decision. Enter opens the chosen request&apos;s case.</source>
        <translation>超出顾问权限的补偿在此等待您的决定。按回车键打开所选申请的案件。</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Drop photos or documents here</source>
        <translation>可将照片或文件拖到这里</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>Person added</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>PIN set</source>
        <translation>设置 PIN</translation>
    </message>
    <message>
        <source>Person deactivated</source>
        <translation>停用人员</translation>
    </message>
    <message>
        <source>Person reactivated</source>
        <translation>重新启用人员</translation>
    </message>
    <message>
        <source>Sign-in locked after wrong PINs</source>
        <translation>PIN 多次错误，登录等待</translation>
    </message>
    <message>
        <source>Sign-in wait lifted</source>
        <translation>解除登录等待</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>更改设置</translation>
    </message>
    <message>
        <source>Setting published by head office</source>
        <translation>总部发布的设置</translation>
    </message>
    <message>
        <source>Script pack installed</source>
        <translation>安装话术包</translation>
    </message>
    <message>
        <source>Feedback forms imported</source>
        <translation>导入意见反馈表</translation>
    </message>
</context>
<context>
    <name>AuditPanel</name>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
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
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>About</source>
        <translation>涉及人员</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Newer</source>
        <translation>较新</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>较早</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>this counter</source>
        <translation>本前台</translation>
    </message>
    <message>
        <source>counter {id}</source>
        <translation>前台 {id}</translation>
    </message>
    <message>
        <source>(the program)</source>
        <translation>（程序）</translation>
    </message>
    <message>
        <source>{first}-{last} of {total} changes</source>
        <translation>第 {first}-{last} 条，共 {total} 条变更</translation>
    </message>
</context>
<context>
    <name>BackupsPanel</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>A backup holds the whole store of this counter: cases, forms, attachments and what waits for head office. One is made every day; keep a copy away from this PC too.</source>
        <translation>备份包含本柜台的全部数据：案例、反馈表、附件以及等待发往总部的内容。每天自动备份一次；请另外在这台电脑以外保存一份。</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>反馈表</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Save a copy to...</source>
        <translation>另存一份到……</translation>
    </message>
    <message>
        <source>Restore...</source>
        <translation>恢复……</translation>
    </message>
    <message>
        <source>Restore from a file...</source>
        <translation>从文件恢复……</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>made by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>after anonymising customers</source>
        <translation>客户匿名化之后</translation>
    </message>
    <message>
        <source>Backed up: {cases} cases, {forms} forms, {size}.</source>
        <translation>已备份：{cases} 个案例，{forms} 张反馈表，{size}。</translation>
    </message>
    <message>
        <source>Save the backup to (e.g. a USB stick)</source>
        <translation>将备份保存到（例如U盘）</translation>
    </message>
    <message>
        <source>Saved a copy to {path}.</source>
        <translation>已另存一份到 {path}。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Backups (*.zip)</source>
        <translation>备份文件 (*.zip)</translation>
    </message>
    <message>
        <source>Restore the backup of {when} ({cases} cases, {forms} forms)? The store as it is now is backed up first, then replaced.</source>
        <translation>恢复 {when} 的备份（{cases} 个案例，{forms} 张反馈表）？当前数据会先备份，然后被替换。</translation>
    </message>
    <message>
        <source>{n} change(s) made here have not reached head office yet and are not in this backup: they will no longer be on this counter (the backup made before restoring keeps them). Sync first if you can.</source>
        <translation>本柜台有 {n} 项更改尚未送达总部，且不在此备份中：恢复后本柜台将不再有这些更改（恢复前的备份会保留它们）。如有可能，请先同步。</translation>
    </message>
    <message>
        <source>Restored: the desk now works on the backup&apos;s store ({cases} cases, {forms} forms).</source>
        <translation>已恢复：现在使用备份中的数据（{cases} 个案例，{forms} 张反馈表）。</translation>
    </message>
</context>
<context>
    <name>CallFormDialog</name>
    <message>
        <source>Call for {ro}: {customer}</source>
        <translation>回访 {ro}：{customer}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <source>Callback for {number}</source>
        <translation>回访：{number}</translation>
    </message>
    <message>
        <source>Call {customer} on {phone} ({plate})</source>
        <translation>致电 {customer}：{phone}（{plate}）</translation>
    </message>
    <message>
        <source>&amp;Reached the customer</source>
        <translation>已联系上客户(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Not reached</source>
        <translation>未联系上(&amp;N)</translation>
    </message>
    <message>
        <source>choose 1-10</source>
        <translation>请选择 1-10</translation>
    </message>
    <message>
        <source>Re-ra&amp;ting (1-10):</source>
        <translation>回访评分（1-10）(&amp;T)：</translation>
    </message>
    <message>
        <source>Customer&apos;s &amp;words:</source>
        <translation>客户原话(&amp;W)：</translation>
    </message>
    <message>
        <source>Root &amp;cause:</source>
        <translation>根本原因(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Improvement:</source>
        <translation>改进建议(&amp;I)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>A re-rating of {n} or more closes the case as recovered: then write the root cause and what we should improve (head office reads these).</source>
        <translation>回访评分达到 {n} 分及以上即按补救成功结案：请同时填写根本原因和改进建议（厂家会汇总分析）。</translation>
    </message>
</context>
<context>
    <name>CallbacksView</name>
    <message>
        <source>Due</source>
        <translation>应回访时间</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>已拨次数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Record call... (Enter)</source>
        <translation>记录回访…（回车）</translation>
    </message>
    <message>
        <source>No callbacks to make.</source>
        <translation>目前没有需要回访的客户。</translation>
    </message>
    <message>
        <source>Follow-up calls still to make (the 3-day callback)</source>
        <translation>待完成的回访（三日回访）</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>Recovered: the case is closed.</source>
        <translation>补救成功，案例已结案。</translation>
    </message>
    <message>
        <source>The re-rating is below the target: the case stays open. Consider escalating it to the service manager.</source>
        <translation>回访评分未达标，案例继续处理。建议升级给服务经理。</translation>
    </message>
    <message>
        <source>Not reached ({count} tries).</source>
        <translation>未联系上（已拨 {count} 次）。</translation>
    </message>
    <message>
        <source>Flagged for the supervisor.</source>
        <translation>已标记，交主管处理。</translation>
    </message>
</context>
<context>
    <name>CallsView</name>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>3-day calls</source>
        <translation>三日回访</translation>
    </message>
    <message>
        <source>Import repair orders...</source>
        <translation>导入维修工单...</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>交车日期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应回访日期</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>已拨打</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>未接通</translation>
    </message>
    <message>
        <source>Reached: fill the form...</source>
        <translation>已接通：填写反馈表...</translation>
    </message>
    <message>
        <source>The calls&apos; risk could not be worked out: {error}</source>
        <translation>无法计算回访风险：{error}</translation>
    </message>
    <message>
        <source>{n} calls to make. Working out each call&apos;s risk from this dealer&apos;s history...</source>
        <translation>待回访 {n} 个。正在根据本店历史计算每个回访的风险……</translation>
    </message>
    <message>
        <source>{n} calls to make, the riskiest first. A call not reached by day {day} after delivery counts as unreachable.</source>
        <translation>待回访 {n} 个，风险最高的在前。交车后第 {day} 天仍未接通的记为无法联系。</translation>
    </message>
</context>
<context>
    <name>CaseActionDialog</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>Escalate...</source>
        <translation>升级…</translation>
    </message>
    <message>
        <source>Reopen...</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Close without recovery...</source>
        <translation>未补救成功结案…</translation>
    </message>
    <message>
        <source>Improvement action...</source>
        <translation>改进措施…</translation>
    </message>
    <message>
        <source>Escalate the case</source>
        <translation>升级案例</translation>
    </message>
    <message>
        <source>Why, and to whom:</source>
        <translation>原因及升级给谁：</translation>
    </message>
    <message>
        <source>Reopen the case</source>
        <translation>重新打开案例</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Close without recovery</source>
        <translation>未补救成功结案</translation>
    </message>
    <message>
        <source>Root cause:</source>
        <translation>根本原因：</translation>
    </message>
    <message>
        <source>Improvement:</source>
        <translation>改进建议：</translation>
    </message>
</context>
<context>
    <name>CaseChanged</name>
    <message>
        <source>The case has been reloaded to show the change. What you typed is still there: check the case, then save again if it still applies.</source>
        <translation>案件已重新载入，显示了这次更改。您输入的内容都还在：请先查看案件，如仍需要再保存一次。</translation>
    </message>
    <message>
        <source>The case has changed</source>
        <translation>案件已被更改</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>CaseColumns</name>
    <message>
        <source>Fit the columns to the width</source>
        <translation>按宽度自动选择列</translation>
    </message>
</context>
<context>
    <name>CaseDetailView</name>
    <message>
        <source>Choose a case in the list</source>
        <translation>请在列表中选择一个案例</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>发现渠道</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>失败类型</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Customer blames</source>
        <translation>客户归咎于</translation>
    </message>
    <message>
        <source>Mood</source>
        <translation>客户情绪</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>服务顾问</translation>
    </message>
    <message>
        <source>Customer&apos;s words</source>
        <translation>客户原话</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>是否挽回</translation>
    </message>
    <message>
        <source>Re-rating</source>
        <translation>回访评分</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>补偿</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>根本原因</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>改进措施</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Merge with another record of this customer...</source>
        <translation>与该客户的另一条记录合并...</translation>
    </message>
    <message>
        <source>Customer history</source>
        <translation>客户历史</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Case {number}</source>
        <translation>案例 {number}</translation>
    </message>
    <message>
        <source>Visit {ro}</source>
        <translation>到店 {ro}</translation>
    </message>
    <message>
        <source>form {grades}, score {score}</source>
        <translation>反馈表 {grades}，得分 {score}</translation>
    </message>
    <message>
        <source>no form</source>
        <translation>无反馈表</translation>
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
        <source>{kind}, {amount} yuan</source>
        <translation>{kind}，{amount} 元</translation>
    </message>
    <message>
        <source>Case opened ({channel}): {words}</source>
        <translation>登记案例（{channel}）：{words}</translation>
    </message>
    <message>
        <source>Attachment added: {name}</source>
        <translation>添加附件：{name}</translation>
    </message>
</context>
<context>
    <name>CaseStoryView</name>
    <message>
        <source>Choose a case to read its story.</source>
        <translation>选择一个案件查看其经过。</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>补救措施</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>提出时间</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应回访时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>未接通次数</translation>
    </message>
    <message>
        <source>Re-rating</source>
        <translation>复评</translation>
    </message>
    <message>
        <source>Customer&apos;s words</source>
        <translation>客户原话</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size (KB)</source>
        <translation>大小（KB）</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Remedies</source>
        <translation>补救措施</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Take over the escalation...</source>
        <translation>接管升级案例...</translation>
    </message>
    <message>
        <source>Head office handles this escalated case from now on; its counters are told</source>
        <translation>此后由总部处理这个已升级的案例；经销商的前台会收到通知</translation>
    </message>
    <message>
        <source>{number} · dealer {dealer} · {status} · {severity}</source>
        <translation>{number} · 经销商 {dealer} · {status} · {severity}</translation>
    </message>
    <message>
        <source>Opened {opened} ({channel}) · customer {customer} · plate {plate}</source>
        <translation>立案 {opened}（{channel}）· 客户 {customer} · 车牌 {plate}</translation>
    </message>
    <message>
        <source>Failure: {type} / {cause} · first response {first}</source>
        <translation>失败：{type} / {cause} · 首次响应 {first}</translation>
    </message>
    <message>
        <source>Customer&apos;s words: {words}</source>
        <translation>客户原话：{words}</translation>
    </message>
    <message>
        <source>Outcome: {recovered}. Root cause: {cause}. Improvement: {improvement}</source>
        <translation>结果：{recovered}。根本原因：{cause}。改进：{improvement}</translation>
    </message>
    <message>
        <source>recovered</source>
        <translation>已挽回</translation>
    </message>
    <message>
        <source>not recovered</source>
        <translation>未挽回</translation>
    </message>
    <message>
        <source>counter {name}</source>
        <translation>前台 {name}</translation>
    </message>
    <message>
        <source>head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Case opened ({channel}): {words}</source>
        <translation>立案（{channel}）：{words}</translation>
    </message>
    <message>
        <source>Head office took over the escalation: {note}</source>
        <translation>总部接管了升级案例：{note}</translation>
    </message>
    <message>
        <source>Conflict resolved at head office ({keep}): {note}</source>
        <translation>总部已解决冲突（{keep}）：{note}</translation>
    </message>
    <message>
        <source>kept head office&apos;s version</source>
        <translation>保留总部版本</translation>
    </message>
    <message>
        <source>took the change kept aside</source>
        <translation>采用搁置的修改</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Case</source>
        <translation>案例编号</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>服务顾问</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Callback due</source>
        <translation>回访到期</translation>
    </message>
    <message>
        <source>Overdue: first response or callback is late</source>
        <translation>已逾期：首次响应或回访已超时</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>All dealers</source>
        <translation>全部经销商</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Any cause</source>
        <translation>任意原因</translation>
    </message>
    <message>
        <source>Any severity</source>
        <translation>任意严重程度</translation>
    </message>
    <message>
        <source>Opened from</source>
        <translation>立案日期从</translation>
    </message>
    <message>
        <source>Case number, phone, plate or name</source>
        <translation>案件号、电话、车牌或姓名</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>反馈表</translation>
    </message>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>%n 个案件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>Search: case number, phone, plate or name</source>
        <translation>搜索：案例编号、电话、车牌或姓名</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any severity</source>
        <translation>全部严重程度</translation>
    </message>
    <message>
        <source>Any cause</source>
        <translation>全部原因</translation>
    </message>
    <message>
        <source>Any advisor</source>
        <translation>全部服务顾问</translation>
    </message>
    <message>
        <source>Opened from</source>
        <translation>登记日期从</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看超期</translation>
    </message>
    <message>
        <source>Record complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <source>Record a complaint (Ctrl+N, from any page)</source>
        <translation>登记投诉（Ctrl+N，任何页面都可用）</translation>
    </message>
    <message>
        <source>Export to Excel...</source>
        <translation>导出到 Excel...</translation>
    </message>
    <message>
        <source>Save the cases as listed (filters and order) as an Excel workbook</source>
        <translation>按当前列表（筛选和排序）将案件保存为 Excel 工作簿</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Open the case</source>
        <translation>打开案例</translation>
    </message>
    <message>
        <source>Copy the case number</source>
        <translation>复制案例编号</translation>
    </message>
    <message>
        <source>Copy the phone number</source>
        <translation>复制电话号码</translation>
    </message>
    <message>
        <source>Record complaint...</source>
        <translation>登记投诉...</translation>
    </message>
    <message>
        <source>Cases found: {n}</source>
        <translation>共 {n} 个案例</translation>
    </message>
    <message>
        <source>cases.xlsx</source>
        <translation>案件.xlsx</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Recovery Desk: service recovery for dealer service counters. Without a command, opens the application.</source>
        <translation>服务补救台：经销商服务前台的服务补救工具。不带命令时打开应用程序。</translation>
    </message>
    <message>
        <source>where the store lives (default: RECOVERY_DESK_DATA, else the per-user data directory)</source>
        <translation>数据存放目录（默认：环境变量 RECOVERY_DESK_DATA，否则为用户数据目录）</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>line {line}, column {column}</source>
        <translation>第 {line} 行 {column} 列</translation>
    </message>
    <message>
        <source>a folder: give the file in it to import</source>
        <translation>这是文件夹：请给出其中要导入的文件</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}：{problem}</translation>
    </message>
    <message>
        <source>... and {n} more problems.</source>
        <translation>……另有 {n} 个问题。</translation>
    </message>
    <message>
        <source>Error: </source>
        <translation>错误：</translation>
    </message>
    <message>
        <source>fill the store with realistic demo data</source>
        <translation>向数据库填充逼真的演示数据</translation>
    </message>
    <message>
        <source>plant the drifts docs/prediction.md describes, for the early warnings to find</source>
        <translation>植入 docs/prediction.md 所述的偏移，供预警发现</translation>
    </message>
    <message>
        <source>must be 0 or more</source>
        <translation>必须大于或等于 0</translation>
    </message>
    <message>
        <source>this store holds a dealer&apos;s own data (people who sign in, or forms not made by the demo); demo data goes only into a new or a demo store: use another --data-dir</source>
        <translation>此数据库存有经销商自己的数据（可登录的人员，或不是演示生成的反馈表）；演示数据只能放入新的或演示用的数据库：请换一个 --data-dir</translation>
    </message>
    <message>
        <source>Demo data added to dealer {dealer}: {forms} feedback forms, {cases} cases.</source>
        <translation>已为经销商 {dealer} 添加演示数据：{forms} 份意见反馈表，{cases} 个案例。</translation>
    </message>
    <message>
        <source>Demo users who can sign in with PIN {pin}: {users}</source>
        <translation>可用密码 {pin} 登录的演示用户：{users}</translation>
    </message>
    <message>
        <source>import feedback forms, print the monthly assessment</source>
        <translation>导入意见反馈表，打印月度考核</translation>
    </message>
    <message>
        <source>dealer code (default: this store&apos;s dealer)</source>
        <translation>经销商代码（默认：本机所属经销商）</translation>
    </message>
    <message>
        <source>import feedback forms from an Excel workbook or a CSV file (all or nothing)</source>
        <translation>从 Excel 工作簿或 CSV 文件导入意见反馈表（全部导入或全不导入）</translation>
    </message>
    <message>
        <source>which of the file&apos;s columns is which, where its headers are not recognised, e.g. date=&quot;Service day&quot;,phone=Mobile</source>
        <translation>表头无法识别时，指明文件中哪一列是哪一项，例如 date=日期,phone=手机</translation>
    </message>
    <message>
        <source>only read and check the file: print its first rows as they would be stored and every problem; store nothing</source>
        <translation>只读取并检查文件：显示将要保存的前几行和每一个问题；不保存任何内容</translation>
    </message>
    <message>
        <source>print a month&apos;s feedback assessment</source>
        <translation>打印某月的意见反馈考核</translation>
    </message>
    <message>
        <source>print one JSON object</source>
        <translation>输出一个 JSON 对象</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>{file}: columns not imported: {columns}</source>
        <translation>{file}：未导入的列：{columns}</translation>
    </message>
    <message>
        <source>{file}: {rows} forms read, {imported} imported, {same} already stored (dealer {dealer}).</source>
        <translation>{file}：读取 {rows} 份反馈表，导入 {imported} 份，{same} 份已存在（经销商 {dealer}）。</translation>
    </message>
    <message>
        <source>{file}: {rows} forms read, no problems; nothing was stored (--check).</source>
        <translation>{file}：读取 {rows} 份反馈表，没有问题；未保存任何内容（--check）。</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>penalty</source>
        <translation>处罚</translation>
    </message>
    <message>
        <source>neither reward nor penalty</source>
        <translation>不奖不罚</translation>
    </message>
    <message>
        <source>verified forms only</source>
        <translation>仅计已核实的反馈表</translation>
    </message>
    <message>
        <source>all forms except disputed ones</source>
        <translation>除有争议外的全部反馈表</translation>
    </message>
    <message>
        <source>Feedback assessment {month}, dealer {dealer}</source>
        <translation>{month} 意见反馈考核，经销商 {dealer}</translation>
    </message>
    <message>
        <source>Counted: {basis}</source>
        <translation>统计范围：{basis}</translation>
    </message>
    <message>
        <source>Forms assessed: {n} (verified {v}, unverified {u}, disputed {d})</source>
        <translation>考核反馈表：{n} 份（已核实 {v}，未核实 {u}，有争议 {d}）</translation>
    </message>
    <message>
        <source>Total score: {total}    Average: {avg}</source>
        <translation>满意度总得分：{total}    均项得分：{avg}</translation>
    </message>
    <message>
        <source>Previous month {month}: average {avg} over {n} forms</source>
        <translation>上月 {month}：均项得分 {avg}，共 {n} 份</translation>
    </message>
    <message>
        <source>Change: {change}    Outcome: {outcome} {amount}</source>
        <translation>变化：{change}    结果：{outcome} {amount}</translation>
    </message>
    <message>
        <source>Failure forms: {f} ({share}; target below {target})</source>
        <translation>服务失败反馈表：{f} 份（{share}；目标低于 {target}）</translation>
    </message>
    <message>
        <source>Grades</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>3-day calls due: {due}, completed {done}, reached {reach}; failures found by the calls: {found}</source>
        <translation>应三日回访：{due} 个，完成率 {done}，接通率 {reach}；回访发现的服务失败：{found}</translation>
    </message>
    <message>
        <source>Timeliness</source>
        <translation>服务及时性</translation>
    </message>
    <message>
        <source>Repair quality</source>
        <translation>维修质量</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Complaints through other channels: {n}</source>
        <translation>其他渠道投诉：{n} 件</translation>
    </message>
    <message>
        <source>head-office commands (central database, intake server, reports)</source>
        <translation>总部命令（中央数据库、接收服务器、报表）</translation>
    </message>
    <message>
        <source>central database: a SQLite file path or postgresql+psycopg://...</source>
        <translation>总部数据库：SQLite 文件路径或 postgresql+psycopg://...</translation>
    </message>
    <message>
        <source>your name, printed on the reports you make in the window</source>
        <translation>你的姓名，打印在窗口中生成的报表上</translation>
    </message>
    <message>
        <source>give the central database, or an action (see hq --help)</source>
        <translation>请指定总部数据库，或给出一个操作（见 hq --help）</translation>
    </message>
    <message>
        <source>check or install a recovery script pack</source>
        <translation>检查或安装服务补救话术包</translation>
    </message>
    <message>
        <source>check a pack file and name every problem by line</source>
        <translation>检查话术包文件，按行号列出每个问题</translation>
    </message>
    <message>
        <source>check a pack and, if it is good, use it from now on</source>
        <translation>检查话术包，无误则从现在起使用</translation>
    </message>
    <message>
        <source>say which pack is in use</source>
        <translation>显示当前使用的话术包</translation>
    </message>
    <message>
        <source>pack {label}, {scripts} scripts</source>
        <translation>话术包 {label}，共 {scripts} 套话术</translation>
    </message>
    <message>
        <source>{file}: good ({summary}).</source>
        <translation>{file}：检查通过（{summary}）。</translation>
    </message>
    <message>
        <source>Still in use: {summary}.</source>
        <translation>继续使用：{summary}。</translation>
    </message>
    <message>
        <source>Installed: {summary}.</source>
        <translation>已安装：{summary}。</translation>
    </message>
    <message>
        <source>In use: {summary}, {origin}.</source>
        <translation>正在使用：{summary}，{origin}。</translation>
    </message>
    <message>
        <source>There is no head-office database at {url}: check the path (a new one is made by `hq dealer add`).</source>
        <translation>{url} 处没有总部数据库：请检查路径（新数据库由 `hq dealer add` 创建）。</translation>
    </message>
    <message>
        <source>Can&apos;t open the central database {url}: give a SQLite file&apos;s path or a postgresql+psycopg://user@host/name address.</source>
        <translation>无法打开总部数据库 {url}：请给出 SQLite 文件路径或 postgresql+psycopg://用户@主机/库名 地址。</translation>
    </message>
    <message>
        <source>register dealers</source>
        <translation>登记经销商</translation>
    </message>
    <message>
        <source>register a dealer (or rename it)</source>
        <translation>登记经销商（或修改名称）</translation>
    </message>
    <message>
        <source>issue a one-time enrolment code for a new counter</source>
        <translation>为新柜台生成一次性接入码</translation>
    </message>
    <message>
        <source>re-enrol this counter of the dealer (e.g. its keyring was lost); the code works for it only and its old secret stops working</source>
        <translation>重新登记该经销商的这台柜台（例如其密钥环丢失）；登记码只对它有效，旧密钥随即失效</translation>
    </message>
    <message>
        <source>run the intake server counters sync with</source>
        <translation>运行柜台同步所用的总部接收服务</translation>
    </message>
    <message>
        <source>where every accepted file is kept</source>
        <translation>每个已接收文件的保存位置</translation>
    </message>
    <message>
        <source>close a connection that sends no complete request for this long (default 20)</source>
        <translation>连接在这么多秒内没有发来完整请求即关闭（默认 20）</translation>
    </message>
    <message>
        <source>processes serving together (PostgreSQL only; default 1)</source>
        <translation>同时服务的进程数（仅限 PostgreSQL；默认 1）</translation>
    </message>
    <message>
        <source>import case files (files or folders)</source>
        <translation>导入案例文件（文件或文件夹）</translation>
    </message>
    <message>
        <source>Import case files (files or folders). A counter&apos;s file is left waiting where it is while head office lacks an earlier file of that counter (see --allow-gaps). Exit status 1 when a file was refused or left waiting, or a change in a file was refused.</source>
        <translation>导入案例文件（文件或文件夹）。总部缺少某柜台较早的文件时，该柜台之后的文件留在原处等待（见 --allow-gaps）。有文件被拒收或留待，或文件中有更改被拒收时，退出状态为 1。</translation>
    </message>
    <message>
        <source>dealers imported at once (PostgreSQL only; default: one per processor core, at most 4)</source>
        <translation>同时导入的经销商数（仅限 PostgreSQL；默认每个处理器核心一个，最多 4 个）</translation>
    </message>
    <message>
        <source>import a counter&apos;s files even when head office lacks an earlier file of that counter: only when that file is lost for good (the counter&apos;s store was restored from a backup); the changes built on it are refused</source>
        <translation>即使总部缺少某柜台较早的文件，也导入该柜台的文件：仅用于那个文件已永久丢失（柜台的数据从备份恢复）的情况；基于它的更改将被拒收</translation>
    </message>
    <message>
        <source>publish settings (JSON) or a script pack to dealers</source>
        <translation>向经销商发布设置（JSON）或话术包</translation>
    </message>
    <message>
        <source>only this dealer (default: all)</source>
        <translation>仅此经销商（默认：全部）</translation>
    </message>
    <message>
        <source>list enrolled counters and their last sync</source>
        <translation>列出已接入的柜台及其最近同步时间</translation>
    </message>
    <message>
        <source>list what head office refused of the counters&apos; files, with the reasons</source>
        <translation>列出总部拒收的柜台文件内容及原因</translation>
    </message>
    <message>
        <source>list conflicts waiting for a supervisor</source>
        <translation>列出等待主管处理的冲突</translation>
    </message>
    <message>
        <source>resolve a conflict; the resolution syncs to the dealer&apos;s counters</source>
        <translation>处理一个冲突；处理结果会同步到该经销商的各个柜台</translation>
    </message>
    <message>
        <source>applied: keep head office&apos;s version; other: take the change kept aside</source>
        <translation>applied：保留总部现有版本；other：采用另存的那份变更</translation>
    </message>
    <message>
        <source>export the central cases, forms and conflicts as CSV and XLSX</source>
        <translation>将总部的案例、反馈表和冲突导出为 CSV 和 XLSX</translation>
    </message>
    <message>
        <source>Dealer {code} {name} registered.</source>
        <translation>经销商 {code} {name} 已登记。</translation>
    </message>
    <message>
        <source>This code re-enrols counter {counter} only.</source>
        <translation>此登记码只用于重新登记柜台 {counter}。</translation>
    </message>
    <message>
        <source>One-time enrolment code for a counter of dealer {dealer}, valid {days} days. On the counter: recovery-desk connect --url URL --code {code}</source>
        <translation>经销商 {dealer} 柜台的一次性接入码，{days} 天内有效。在柜台上运行：recovery-desk connect --url URL --code {code}</translation>
    </message>
    <message>
        <source>a port number from 1 to 65535, e.g. 8765</source>
        <translation>端口号应为 1 到 65535，例如 8765</translation>
    </message>
    <message>
        <source>a folder, not a file</source>
        <translation>应为文件夹，而不是文件</translation>
    </message>
    <message>
        <source>a number of processes from 1 to 64</source>
        <translation>进程数应为 1 到 64</translation>
    </message>
    <message>
        <source>several processes need a PostgreSQL database; a SQLite head office runs one (leave --workers out)</source>
        <translation>多个进程需要 PostgreSQL 数据库；SQLite 总部只能运行一个进程（请去掉 --workers）</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>a number of dealers from 1 to 64</source>
        <translation>经销商数应为 1 到 64</translation>
    </message>
    <message>
        <source>importing several dealers at once needs a PostgreSQL database; a SQLite head office imports one at a time (leave --workers out)</source>
        <translation>同时导入多个经销商需要 PostgreSQL 数据库；使用 SQLite 的总部一次导入一个（请去掉 --workers）</translation>
    </message>
    <message>
        <source>rejected {file}: {reason}</source>
        <translation>已拒收 {file}：{reason}</translation>
    </message>
    <message>
        <source>waiting {file}: {reason}</source>
        <translation>等待 {file}：{reason}</translation>
    </message>
    <message>
        <source>refused in {file}: {reason}</source>
        <translation>{file} 中被拒收：{reason}</translation>
    </message>
    <message>
        <source>{files} file(s): {imported} imported, {present} already present, {rejected} rejected, {waiting} waiting.</source>
        <translation>共 {files} 个文件：导入 {imported} 个，已存在 {present} 个，拒收 {rejected} 个，等待 {waiting} 个。</translation>
    </message>
    <message>
        <source>{files} file(s): {imported} imported, {present} already present, {rejected} rejected.</source>
        <translation>共 {files} 个文件：导入 {imported} 个，已存在 {present} 个，拒收 {rejected} 个。</translation>
    </message>
    <message>
        <source>{n} change(s) refused (the rest of their files imported): see `hq refusals`.</source>
        <translation>{n} 项修改被拒收（所在文件的其余内容已导入）：见 `hq refusals`。</translation>
    </message>
    <message>
        <source>{n} file(s) left where they are, waiting for earlier files of their counter. If those files are lost for good (the counter&apos;s store was restored from a backup), import again with --allow-gaps to take them anyway.</source>
        <translation>{n} 个文件留在原处，等待其柜台较早的文件。如果那些文件已永久丢失（柜台的数据从备份恢复），请加上 --allow-gaps 再次导入，仍然导入它们。</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>script pack</source>
        <translation>话术包</translation>
    </message>
    <message>
        <source>Published {name} version {version} ({kind}) for {who}.</source>
        <translation>已向{who}发布 {name} 第 {version} 版（{kind}）。</translation>
    </message>
    <message>
        <source>all dealers</source>
        <translation>全部经销商</translation>
    </message>
    <message>
        <source>(no counter enrolled yet)</source>
        <translation>（尚无已接入的柜台）</translation>
    </message>
    <message>
        <source>Case numbers two cases share (counters enrolled before tags were assigned; both cases are kept):</source>
        <translation>两个案件共用的案件编号（来自分配柜台代号之前登记的柜台；两个案件均已保留）：</translation>
    </message>
    <message>
        <source>No refusals.</source>
        <translation>没有拒收记录。</translation>
    </message>
    <message>
        <source>the whole file</source>
        <translation>整个文件</translation>
    </message>
    <message>
        <source>Wrote CSV files and recovery-desk.xlsx to {dir}: {rows}.</source>
        <translation>已向 {dir} 写入 CSV 文件和 recovery-desk.xlsx：{rows}。</translation>
    </message>
    <message>
        <source>No conflicts waiting.</source>
        <translation>没有等待处理的冲突。</translation>
    </message>
    <message>
        <source>Conflict {id} (found {when})</source>
        <translation>冲突 {id}（发现于 {when}）</translation>
    </message>
    <message>
        <source>  Settle it: recovery-desk hq resolve --db URL {id} --keep applied|other</source>
        <translation>  处理：recovery-desk hq resolve --db URL {id} --keep applied|other</translation>
    </message>
    <message>
        <source>Resolved: {what} {id} is now version {version}; the dealer&apos;s counters get it on their next sync.</source>
        <translation>已处理：{what} {id} 现为第 {version} 版；该经销商的柜台将在下次同步时收到。</translation>
    </message>
    <message>
        <source>join head office with a one-time enrolment code</source>
        <translation>用一次性接入码接入总部</translation>
    </message>
    <message>
        <source>head office&apos;s address</source>
        <translation>总部地址</translation>
    </message>
    <message>
        <source>the enrolment code from head office</source>
        <translation>总部提供的接入码</translation>
    </message>
    <message>
        <source>a name for this counter PC</source>
        <translation>这台柜台电脑的名称</translation>
    </message>
    <message>
        <source>send waiting changes to head office and fetch updates</source>
        <translation>把待发送的变更发给总部并获取更新</translation>
    </message>
    <message>
        <source>do one round and exit</source>
        <translation>同步一轮后退出</translation>
    </message>
    <message>
        <source>list case files head office refused</source>
        <translation>列出总部拒收的案例文件</translation>
    </message>
    <message>
        <source>send a refused file (its sequence) or a refused change (cN) again in a new file</source>
        <translation>在新文件中重新发送被拒收的文件（其序号）或被拒收的修改（cN）</translation>
    </message>
    <message>
        <source>write waiting changes as case files for a USB stick or shared folder</source>
        <translation>把待发送的变更写成案例文件，用于 U 盘或共享文件夹</translation>
    </message>
    <message>
        <source>Connected to head office at {url} as a counter of dealer {code} {name}.</source>
        <translation>已接入总部 {url}，本机为经销商 {code} {name} 的柜台。</translation>
    </message>
    <message>
        <source>This counter&apos;s case numbers: {example}</source>
        <translation>本柜台的案件编号：{example}</translation>
    </message>
    <message>
        <source>{n} cases recorded before connecting were renumbered (e.g. {old} is now {new}); the old numbers still find them.</source>
        <translation>连接前记录的 {n} 个案件已重新编号（例如 {old} 现为 {new}）；用旧编号仍可找到它们。</translation>
    </message>
    <message>
        <source>No sync problems.</source>
        <translation>没有同步问题。</translation>
    </message>
    <message>
        <source>File {seq} ({events} changes) refused by head office: {reason}</source>
        <translation>文件 {seq}（{events} 项变更）被总部拒收：{reason}</translation>
    </message>
    <message>
        <source>Change {key} ({events} change(s)) refused by head office: {reason}</source>
        <translation>修改 {key}（{events} 项）被总部拒收：{reason}</translation>
    </message>
    <message>
        <source>  Correct it and it goes out again with the correction, or send it again: recovery-desk sync --retry {key}</source>
        <translation>  更正后会随更正一起重新发送，或手动重新发送：recovery-desk sync --retry {key}</translation>
    </message>
    <message>
        <source>Conflict: changed in two places; both kept until a supervisor at head office resolves it.</source>
        <translation>冲突：两处都修改了同一内容；两份变更都已保留，等待总部主管处理。</translation>
    </message>
    <message>
        <source>a refused file&apos;s sequence (e.g. 12) or a refused change (e.g. c3), as `sync --problems` lists them</source>
        <translation>被拒收文件的序号（如 12）或被拒收的修改（如 c3），与 `sync --problems` 所列一致</translation>
    </message>
    <message>
        <source>No refused change {key} is open: `recovery-desk sync --problems` lists those that are.</source>
        <translation>没有未解决的被拒收修改 {key}：`recovery-desk sync --problems` 会列出未解决的被拒收修改。</translation>
    </message>
    <message>
        <source>{n} change(s) of refused change {key} will go out again on the next sync.</source>
        <translation>被拒收修改 {key} 的 {n} 项修改将在下次同步时重新发送。</translation>
    </message>
    <message>
        <source>{n} change(s) of file {seq} will go out again on the next sync.</source>
        <translation>文件 {seq} 的 {n} 项变更将在下次同步时重新发送。</translation>
    </message>
    <message>
        <source>Use --once for one round; the application syncs in the background by itself.</source>
        <translation>请用 --once 同步一轮；应用程序会在后台自动同步。</translation>
    </message>
    <message>
        <source>Sent {files} file(s) ({events} changes, {dup} already at head office); refused {rej}; received {pf} file(s) from other counters ({pe} changes); {pub} publication(s); {conf} conflict(s). Waiting: {waiting}.</source>
        <translation>已发送 {files} 个文件（{events} 项变更，其中 {dup} 个总部已有）；被拒收 {rej} 个；收到其他柜台的 {pf} 个文件（{pe} 项变更）；发布内容 {pub} 项；冲突 {conf} 个。待发送：{waiting}。</translation>
    </message>
    <message>
        <source>Warning: this computer&apos;s clock is {s:.0f} seconds off head office&apos;s. Set the date and time correctly.</source>
        <translation>警告：本机时钟与总部相差 {s:.0f} 秒，请校准日期和时间。</translation>
    </message>
    <message>
        <source>Head office refused {n} file(s): see `recovery-desk sync --problems`.</source>
        <translation>总部拒收了 {n} 个文件：请查看 `recovery-desk sync --problems`。</translation>
    </message>
    <message>
        <source>Refused change {key} has no change of its own on this counter (it went with another change); its {n} record(s) will go out again on the next sync.</source>
        <translation>被拒收修改 {key} 在本柜台没有自己的修改（它是随另一项修改一起发送的）；它的 {n} 条记录将在下次同步时重新发送。</translation>
    </message>
    <message>
        <source>Nothing of refused change {key} is left on this counter to send again.</source>
        <translation>本柜台已没有被拒收修改 {key} 的任何内容可重新发送。</translation>
    </message>
    <message>
        <source>Version {version} of the program is downloaded and checked: {path}</source>
        <translation>程序版本 {version} 已下载并校验：{path}</translation>
    </message>
    <message>
        <source>Wrote {n} case file(s) to {dir}. They stay in the outbox until head office confirms them.</source>
        <translation>已向 {dir} 写入 {n} 个案例文件。在总部确认收到之前，它们仍保留在发件箱中。</translation>
    </message>
    <message>
        <source>the network report: every dealer&apos;s month side by side</source>
        <translation>网络报告：各经销商本月数据并列对比</translation>
    </message>
    <message>
        <source>the central database, e.g. postgresql+psycopg://user@host/recovery</source>
        <translation>中央数据库，例如 postgresql+psycopg://user@host/recovery</translation>
    </message>
    <message>
        <source>where to write the PDF</source>
        <translation>PDF 保存位置</translation>
    </message>
    <message>
        <source>language of the report (default: the language of these messages)</source>
        <translation>报告语言（默认与本提示信息的语言相同）</translation>
    </message>
    <message>
        <source>your name, printed in the page header as the one who printed the report</source>
        <translation>你的姓名，作为打印人印在页眉上</translation>
    </message>
    <message>
        <source>name yourself: the report says who printed it</source>
        <translation>请写明你的姓名：报表会注明打印人</translation>
    </message>
    <message>
        <source>Can&apos;t open the central database {url}: {reason}</source>
        <translation>无法打开中央数据库 {url}：{reason}</translation>
    </message>
    <message>
        <source>Wrote {file}.</source>
        <translation>已生成 {file}。</translation>
    </message>
    <message>
        <source>print the monthly PDF reports</source>
        <translation>打印月度 PDF 报告</translation>
    </message>
    <message>
        <source>the monthly feedback summary (reward or penalty)</source>
        <translation>月度反馈汇总（奖励或处罚）</translation>
    </message>
    <message>
        <source>only this advisor&apos;s forms</source>
        <translation>仅统计该服务顾问的反馈表</translation>
    </message>
    <message>
        <source>the case recovery report</source>
        <translation>补救案例报告</translation>
    </message>
    <message>
        <source>the file name must end in .pdf</source>
        <translation>文件名必须以 .pdf 结尾</translation>
    </message>
    <message>
        <source>folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>that is a folder; give a file name</source>
        <translation>这是一个文件夹，请给出文件名</translation>
    </message>
    <message>
        <source>early warnings of drifting failure shares</source>
        <translation>失败率偏移的预警</translation>
    </message>
    <message>
        <source>replay the store&apos;s history day by day and list the warnings that would have fired</source>
        <translation>按天重放本库的历史，列出当时会发出的预警</translation>
    </message>
    <message>
        <source>work the dealer&apos;s warnings out from its history now (the desk does it in the background)</source>
        <translation>立即根据经销商的历史数据计算预警（桌面程序会在后台自动计算）</translation>
    </message>
    <message>
        <source>run at a lower priority, as the desk starts it, so the window keeps the CPU</source>
        <translation>以较低优先级运行（桌面程序即如此启动），让窗口优先使用 CPU</translation>
    </message>
    <message>
        <source>the warnings no supervisor has acknowledged</source>
        <translation>尚无主管确认的预警</translation>
    </message>
    <message>
        <source>acknowledge a warning (a supervisor)</source>
        <translation>确认一条预警（主管）</translation>
    </message>
    <message>
        <source>the warning&apos;s id, as `warn list --json` prints it</source>
        <translation>预警编号，即 `warn list --json` 输出的 id</translation>
    </message>
    <message>
        <source>what will be done about it</source>
        <translation>将采取的措施</translation>
    </message>
    <message>
        <source>{n} new warnings</source>
        <translation>新增 {n} 条预警</translation>
    </message>
    <message>
        <source>{fired}  {subject}: {failures} of {forms} failed since {since} (baseline {base})  {id}</source>
        <translation>{fired}  {subject}：自 {since} 起 {forms} 份中 {failures} 份不满意（基线 {base}）  {id}</translation>
    </message>
    <message>
        <source>{n} warnings waiting for a supervisor</source>
        <translation>{n} 条预警等待主管确认</translation>
    </message>
    <message>
        <source>Acknowledged.</source>
        <translation>已确认。</translation>
    </message>
    <message>
        <source>It was acknowledged already; nothing changed (its note stays as it was).</source>
        <translation>此前已确认过；未作任何更改（原备注保持不变）。</translation>
    </message>
    <message>
        <source>Dealer {dealer}: history {first} to {last}, {months} months watched</source>
        <translation>经销商 {dealer}：历史 {first} 至 {last}，监测 {months} 个月</translation>
    </message>
    <message>
        <source>{fired}  {subject}: {failures} of {forms} failed since {since} (baseline {base}); the month&apos;s summary would show it on {month_end}</source>
        <translation>{fired}  {subject}：自 {since} 起 {forms} 份中 {failures} 份失败（基线 {base}）；月度汇总要到 {month_end} 才会显示</translation>
    </message>
    <message>
        <source>{n} warnings, {false} of them not borne out afterwards ({rate} a month)</source>
        <translation>共 {n} 条预警，其中 {false} 条事后未被证实（每月 {rate} 条）</translation>
    </message>
    <message>
        <source>check this installation: open the first window and the store, print what was found, close</source>
        <translation>检查本机安装：打开首个窗口和数据库，打印检查结果后关闭</translation>
    </message>
    <message>
        <source>save the first window as a picture</source>
        <translation>将首个窗口保存为图片</translation>
    </message>
    <message>
        <source>the picture could not be saved as {path}: check that its folder exists and this account may write in it.</source>
        <translation>无法将截图保存为 {path}：请检查其文件夹是否存在，以及此帐户能否在其中写入。</translation>
    </message>
    <message>
        <source>publish a new version of the program (the Windows setup .exe or the .deb) to counters</source>
        <translation>向各前台发布新版本程序（Windows 安装程序 .exe 或 .deb 包）</translation>
    </message>
    <message>
        <source>the version the file installs; counters take only a newer one</source>
        <translation>该文件安装的版本号；前台只接收更新的版本</translation>
    </message>
    <message>
        <source>which counters the file is for (default: from its name, .exe or .deb)</source>
        <translation>该文件适用于哪类前台电脑（默认按文件名判断：.exe 或 .deb）</translation>
    </message>
    <message>
        <source>Published version {version} for {platform} ({size:.1f} MB, SHA-256 {sha}) to {who}; counters fetch it on their next sync and install it when the desk closes.</source>
        <translation>已向{who}发布 {platform} 版本 {version}（{size:.1f} MB，SHA-256 {sha}）；各前台在下次同步时下载，并在关闭程序时安装。</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>made by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>back up the store (database, attachments, outbox) or list backups</source>
        <translation>备份数据（数据库、附件、待发文件）或列出备份</translation>
    </message>
    <message>
        <source>also save the backup in this folder (e.g. a USB stick)</source>
        <translation>同时将备份保存到此文件夹（例如U盘）</translation>
    </message>
    <message>
        <source>list the backups kept on this PC</source>
        <translation>列出本机保存的备份</translation>
    </message>
    <message>
        <source>replace the store with a backup (the current one is backed up first)</source>
        <translation>用备份替换当前数据（当前数据先备份）</translation>
    </message>
    <message>
        <source>a backup made by Recovery Desk (backup-....zip)</source>
        <translation>服务补救台生成的备份（backup-....zip）</translation>
    </message>
    <message>
        <source>restore even if changes head office has not received yet would be given up</source>
        <translation>即使会放弃总部尚未收到的更改也恢复</translation>
    </message>
    <message>
        <source>{when}  {size}  {cases} cases  {forms} forms  ({reason})  {path}</source>
        <translation>{when}  {size}  {cases} 个案例  {forms} 张反馈表  （{reason}）  {path}</translation>
    </message>
    <message>
        <source>No backups on this PC yet.</source>
        <translation>本机还没有备份。</translation>
    </message>
    <message>
        <source>--out: {path} is not a folder; give an existing folder (e.g. a USB stick&apos;s).</source>
        <translation>--out：{path} 不是文件夹；请指定一个已存在的文件夹（例如U盘上的）。</translation>
    </message>
    <message>
        <source>Backed up: {line}</source>
        <translation>已备份：{line}</translation>
    </message>
    <message>
        <source>Saved a copy to {path}</source>
        <translation>已另存一份到 {path}</translation>
    </message>
    <message>
        <source>{path} is not a file; give a backup made by Recovery Desk (see `backup --list`).</source>
        <translation>{path} 不是文件；请指定服务补救台生成的备份（见 `backup --list`）。</translation>
    </message>
    <message>
        <source>Not restored. </source>
        <translation>未恢复。</translation>
    </message>
    <message>
        <source>Restored the backup of {when} ({cases} cases, {forms} forms).</source>
        <translation>已恢复 {when} 的备份（{cases} 个案例，{forms} 张反馈表）。</translation>
    </message>
    <message>
        <source>The store as it was is kept in {path}</source>
        <translation>恢复前的数据保存在 {path}</translation>
    </message>
    <message>
        <source>{n} change(s) head office had not received are not in the restored store.</source>
        <translation>总部尚未收到的 {n} 项更改不在恢复后的数据中。</translation>
    </message>
    <message>
        <source>{n} change(s) made here after this backup are at head office but not in the restored store.</source>
        <translation>此备份之后在本柜台做的 {n} 项更改已在总部，但不在恢复后的数据中。</translation>
    </message>
    <message>
        <source>your user name, when the store has users: the command runs as you (your PIN is asked for, or read from {env})</source>
        <translation>数据库已有用户时填写您的用户名：命令以您的身份执行（会询问 PIN，或从 {env} 读取）</translation>
    </message>
    <message>
        <source>this store has users: name yourself with --as NAME (your PIN is asked for, or read from {env})</source>
        <translation>此数据库已有用户：请用 --as 用户名 说明您是谁（会询问 PIN，或从 {env} 读取）</translation>
    </message>
    <message>
        <source>no PIN: type it when asked (at a terminal) or set {env}</source>
        <translation>没有 PIN：请在终端中按提示输入，或设置 {env}</translation>
    </message>
    <message>
        <source>PIN for {name}: </source>
        <translation>{name} 的 PIN：</translation>
    </message>
    <message>
        <source>this store has no users yet: this is done by a person named with --as, so create a supervisor first (the desk asks for the first administrator when it starts)</source>
        <translation>此数据库还没有用户：此操作须由 --as 指定的人员执行，请先创建主管账号（桌面程序首次启动时会要求创建第一位管理员）</translation>
    </message>
    <message>
        <source>improvement actions raised from closed cases&apos; root causes</source>
        <translation>由已结案案件的根本原因提出的改进措施</translation>
    </message>
    <message>
        <source>turn a closed case&apos;s root cause into an improvement action</source>
        <translation>将已结案案件的根本原因转为改进措施</translation>
    </message>
    <message>
        <source>the case&apos;s number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>improvement actions head office raises for several dealers sharing a cause</source>
        <translation>总部为有共同原因的多家经销商提出的改进措施</translation>
    </message>
    <message>
        <source>raise one action for the chosen dealers; each dealer&apos;s counters get it on their next sync</source>
        <translation>为选定的经销商提出一项改进措施；各经销商的柜台在下次同步时收到</translation>
    </message>
    <message>
        <source>the dealers sharing the cause, by code, comma-separated</source>
        <translation>有此共同原因的经销商代码，用逗号分隔</translation>
    </message>
    <message>
        <source>what will be changed</source>
        <translation>将改变什么</translation>
    </message>
    <message>
        <source>when it should be done</source>
        <translation>应完成的日期</translation>
    </message>
    <message>
        <source>the failure share it should move: cause:GROUP or item:timeliness|repair_quality|attitude</source>
        <translation>该措施应改善的失败占比：cause:原因类别 或 item:timeliness|repair_quality|attitude</translation>
    </message>
    <message>
        <source>who owns it at each dealer: advisor, supervisor or admin (default supervisor)</source>
        <translation>各经销商由谁负责：advisor、supervisor 或 admin（默认 supervisor）</translation>
    </message>
    <message>
        <source>a person owning it at one dealer instead of the role (repeatable)</source>
        <translation>在某家经销商由指定人员而非角色负责（可重复）</translation>
    </message>
    <message>
        <source>every dealer&apos;s actions, open and overdue first, with their figure</source>
        <translation>各经销商的改进措施，未完成和逾期的在前，附指标</translation>
    </message>
    <message>
        <source>CODE=USER, e.g. BJ01=liu</source>
        <translation>代码=用户名，例如 BJ01=liu</translation>
    </message>
    <message>
        <source>Raised for {dealers}; each dealer&apos;s counters get it on their next sync.</source>
        <translation>已为 {dealers} 提出；各经销商的柜台在下次同步时收到。</translation>
    </message>
    <message>
        <source>who does it (a user name)</source>
        <translation>负责人（用户名）</translation>
    </message>
    <message>
        <source>the failure share it should move: cause:GROUP or item:timeliness|repair_quality|attitude (default: the case&apos;s cause group)</source>
        <translation>应降低的不满意比例：cause:原因类别 或 item:timeliness|repair_quality|attitude（默认为该案件的原因类别）</translation>
    </message>
    <message>
        <source>the actions, open and overdue first, with their figure</source>
        <translation>改进措施列表（未完成和逾期的在前），附指标</translation>
    </message>
    <message>
        <source>mark an action done</source>
        <translation>将措施标记为已完成</translation>
    </message>
    <message>
        <source>the action&apos;s id, as `improve list --json` prints it</source>
        <translation>措施编号，即 `improve list --json` 输出的 id</translation>
    </message>
    <message>
        <source>what was done</source>
        <translation>已做了什么</translation>
    </message>
    <message>
        <source>a date as YYYY-MM-DD, e.g. 2027-01-31</source>
        <translation>日期格式为 YYYY-MM-DD，例如 2027-01-31</translation>
    </message>
    <message>
        <source>no case numbered {n} at this dealer</source>
        <translation>本经销商没有编号为 {n} 的案件</translation>
    </message>
    <message>
        <source>no user named {n}</source>
        <translation>没有名为 {n} 的用户</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>done, not due yet</source>
        <translation>已完成，尚未到期</translation>
    </message>
    <message>
        <source>done, too few forms yet</source>
        <translation>已完成，表单数量尚不足</translation>
    </message>
    <message>
        <source>done, the figure fell</source>
        <translation>已完成，指标下降</translation>
    </message>
    <message>
        <source>done, the figure rose</source>
        <translation>已完成，指标上升</translation>
    </message>
    <message>
        <source>done, no clear change</source>
        <translation>已完成，无明显变化</translation>
    </message>
    <message>
        <source>{due}  {state}  {title} ({case}, {owner}); {figure}: before {before}, after {after}  {id}</source>
        <translation>{due}  {state}  {title}（{case}，{owner}）；{figure}：之前 {before}，之后 {after}  {id}</translation>
    </message>
    <message>
        <source>head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>It was done already; nothing changed (its note stays as it was).</source>
        <translation>此前已完成；未作任何更改（原备注保持不变）。</translation>
    </message>
    <message>
        <source>repair orders: import them from the dealer&apos;s management system, fit their calls&apos; risk model</source>
        <translation>维修工单：从经销商管理系统导入，拟合其回访风险模型</translation>
    </message>
    <message>
        <source>import repair orders from an Excel workbook or a CSV file (all or nothing; an order again is stored once)</source>
        <translation>从 Excel 工作簿或 CSV 文件导入维修工单（全部导入或全不导入；同一工单再次导入只存一次）</translation>
    </message>
    <message>
        <source>which of the file&apos;s columns is which, where its headers are not recognised, e.g. opened=&quot;Open time&quot;</source>
        <translation>文件中各列对应哪一项（列名无法识别时），例如 opened=&quot;开单时刻&quot;</translation>
    </message>
    <message>
        <source>fit the 3-day calls&apos; risk model on each dealer&apos;s history now (the desk does it in the background)</source>
        <translation>立即按各经销商的历史拟合三日回访的风险模型（桌面程序会在后台自动进行）</translation>
    </message>
    <message>
        <source>only this dealer (default: this store&apos;s dealer and every other whose repair orders it holds)</source>
        <translation>只拟合此经销商（默认：本库的经销商，以及库中有其维修工单的其他经销商）</translation>
    </message>
    <message>
        <source>{file}: {rows} repair orders read, {added} new, {filled} added to forms already stored, {updated} changed, {same} already stored (dealer {dealer}).</source>
        <translation>{file}：读取 {rows} 张维修工单，新增 {added} 张，补入已有反馈表的工单 {filled} 张，有变更 {updated} 张，已存在 {same} 张（经销商 {dealer}）。</translation>
    </message>
    <message>
        <source>Dealer {dealer}: risk model fitted on {orders} repair orders with a form, {failures} of them failed.</source>
        <translation>经销商 {dealer}：风险模型已按 {orders} 个有反馈表的维修工单拟合，其中 {failures} 个服务失败。</translation>
    </message>
    <message>
        <source>find customers; merge two records of one customer</source>
        <translation>查找客户；合并同一客户的两条记录</translation>
    </message>
    <message>
        <source>customers whose phone, plate or name starts with TEXT</source>
        <translation>电话、车牌或姓名以 TEXT 开头的客户</translation>
    </message>
    <message>
        <source>move every case and form of one record of a customer to another and remove it (a supervisor)</source>
        <translation>把客户一条记录的全部案例和反馈表移到另一条记录并删除该记录（限监督员）</translation>
    </message>
    <message>
        <source>the record kept (see customers find)</source>
        <translation>保留的记录（见 customers find）</translation>
    </message>
    <message>
        <source>the record merged into it</source>
        <translation>并入保留记录的记录</translation>
    </message>
    <message>
        <source>No customer&apos;s phone, plate or name starts with &quot;{text}&quot; (give two letters or digits at least, or one Chinese character).</source>
        <translation>没有电话、车牌或姓名以“{text}”开头的客户（请至少给出两个字母或数字，或一个汉字）。</translation>
    </message>
    <message>
        <source>Merged: {cases} cases and {forms} forms moved to the record kept.</source>
        <translation>已合并：{cases} 个案例和 {forms} 张反馈表已移到保留的记录。</translation>
    </message>
    <message>
        <source>personal data: anonymise old customers, export a customer&apos;s records</source>
        <translation>个人信息：匿名化过期客户，导出客户本人的记录</translation>
    </message>
    <message>
        <source>anonymise customers whose last case or form is older than the retention period (an administrator)</source>
        <translation>匿名化最近一次案例或反馈表早于保留期限的客户（限管理员）</translation>
    </message>
    <message>
        <source>only say how many would be anonymised</source>
        <translation>只显示将匿名化多少客户</translation>
    </message>
    <message>
        <source>a customer&apos;s own records as a PDF, for the customer</source>
        <translation>把客户本人的记录导出为 PDF，交给客户</translation>
    </message>
    <message>
        <source>the customer (see customers find)</source>
        <translation>客户（见 customers find）</translation>
    </message>
    <message>
        <source>{n} customers last seen on or before {cutoff} would be anonymised ({cases} cases, {forms} forms); nothing was changed.</source>
        <translation>将匿名化 {n} 位最近一次到访在 {cutoff} 或之前的客户（{cases} 个案例，{forms} 张反馈表）；未做任何更改。</translation>
    </message>
    <message>
        <source>{n} customers last seen on or before {cutoff} were anonymised ({cases} cases, {forms} forms).</source>
        <translation>已匿名化 {n} 位最近一次到访在 {cutoff} 或之前的客户（{cases} 个案例，{forms} 张反馈表）。</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>Record a complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <source>Find a customer: phone, plate or name</source>
        <translation>查找客户：电话、车牌或姓名</translation>
    </message>
    <message>
        <source>e.g. {plate}</source>
        <translation>例如 {plate}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>e.g. 13812345678 or 010-62345678</source>
        <translation>例如 13812345678 或 010-62345678</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>车架号</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>车型</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Score (1-10)</source>
        <translation>评分（1-10）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>发现渠道</translation>
    </message>
    <message>
        <source>Customer&apos;s words</source>
        <translation>客户原话</translation>
    </message>
    <message>
        <source>Mood</source>
        <translation>客户情绪</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>失败类型</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Customer blames</source>
        <translation>客户归咎于</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Plate &amp;unknown</source>
        <translation>车牌不详(&amp;U)</translation>
    </message>
    <message>
        <source>Reason for a higher severity</source>
        <translation>提高严重程度的理由</translation>
    </message>
    <message>
        <source>Save complaint</source>
        <translation>保存投诉</translation>
    </message>
    <message>
        <source>Ctrl+S, or Enter when every required field is filled</source>
        <translation>Ctrl+S；必填项都填好后按回车也可保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>What you typed is kept as a draft</source>
        <translation>已输入的内容会保存为草稿</translation>
    </message>
    <message>
        <source>Customer and vehicle</source>
        <translation>客户与车辆</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>A complaint you had not saved was kept ({when}, {name}). Restore it?</source>
        <translation>有一份未保存的投诉已保留（{when}，{name}）。要恢复吗？</translation>
    </message>
    <message>
        <source>Still needed: {fields}</source>
        <translation>还需填写：{fields}</translation>
    </message>
    <message>
        <source>Suggested from the score: {severity}</source>
        <translation>按评分建议：{severity}</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Reason for the severity</source>
        <translation>严重程度理由</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>发现渠道</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>失败类型</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Responsibility</source>
        <translation>责任方</translation>
    </message>
    <message>
        <source>Customer&apos;s mood</source>
        <translation>客户情绪</translation>
    </message>
    <message>
        <source>Customer&apos;s words</source>
        <translation>客户原话</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>是否挽回</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>根本原因</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>改进建议</translation>
    </message>
    <message>
        <source>Timeliness</source>
        <translation>服务及时性</translation>
    </message>
    <message>
        <source>Repair quality</source>
        <translation>维修质量</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>核实状态</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>补救方式</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Opened the case</source>
        <translation>建立案例</translation>
    </message>
    <message>
        <source>Edited the case</source>
        <translation>修改案例</translation>
    </message>
    <message>
        <source>Escalated the case</source>
        <translation>升级案例</translation>
    </message>
    <message>
        <source>Closed the case</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Reopened the case</source>
        <translation>重新打开案例</translation>
    </message>
    <message>
        <source>Added an attachment</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Resolved a conflict</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <source>Took over the escalation (head office)</source>
        <translation>接管了升级案例（总部）</translation>
    </message>
    <message>
        <source>Renumbered the case at enrolment</source>
        <translation>登记时为案件重新编号</translation>
    </message>
    <message>
        <source>Merged two records of the customer</source>
        <translation>合并了客户的两条记录</translation>
    </message>
    <message>
        <source>Anonymised the customer (retention period over)</source>
        <translation>匿名化了客户（保留期限已过）</translation>
    </message>
    <message>
        <source>Recorded a script step</source>
        <translation>记录话术步骤</translation>
    </message>
    <message>
        <source>Finished the script</source>
        <translation>完成话术</translation>
    </message>
    <message>
        <source>Re-rating below target</source>
        <translation>回访评分未达标</translation>
    </message>
    <message>
        <source>Proposed a remedy</source>
        <translation>提出补救方案</translation>
    </message>
    <message>
        <source>Approved a remedy</source>
        <translation>批准补救方案</translation>
    </message>
    <message>
        <source>Refused a remedy</source>
        <translation>拒绝补救方案</translation>
    </message>
    <message>
        <source>Customer accepted a remedy</source>
        <translation>客户接受补救方案</translation>
    </message>
    <message>
        <source>Scheduled a callback</source>
        <translation>安排回访</translation>
    </message>
    <message>
        <source>Called back, customer reached</source>
        <translation>回访，已联系上客户</translation>
    </message>
    <message>
        <source>Called back, not reached</source>
        <translation>回访，未联系上</translation>
    </message>
    <message>
        <source>Entered the form</source>
        <translation>录入反馈表</translation>
    </message>
    <message>
        <source>Corrected the form</source>
        <translation>更正反馈表</translation>
    </message>
    <message>
        <source>Verified the form</source>
        <translation>核实反馈表</translation>
    </message>
    <message>
        <source>Disputed the form</source>
        <translation>对反馈表提出异议</translation>
    </message>
    <message>
        <source>Resolved the dispute</source>
        <translation>处理异议</translation>
    </message>
    <message>
        <source>Drew the form for a verification call</source>
        <translation>抽取该表进行核实电话</translation>
    </message>
    <message>
        <source>Acknowledged the alert</source>
        <translation>确认了提醒</translation>
    </message>
    <message>
        <source>Acknowledged the early warning</source>
        <translation>确认了预警</translation>
    </message>
    <message>
        <source>Raised an improvement action</source>
        <translation>提出了改进措施</translation>
    </message>
    <message>
        <source>Completed the improvement action</source>
        <translation>完成了改进措施</translation>
    </message>
    <message>
        <source>Head office raised an improvement action for several dealers</source>
        <translation>总部为多家经销商提出了改进措施</translation>
    </message>
    <message>
        <source>Completed head office&apos;s improvement action</source>
        <translation>完成了总部的改进措施</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
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
        <source>someone not known here</source>
        <translation>此处未知的人员</translation>
    </message>
    <message>
        <source>“{text}”</source>
        <translation>“{text}”</translation>
    </message>
    <message>
        <source>no one recorded</source>
        <translation>未记录操作人</translation>
    </message>
    <message>
        <source>head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>this counter</source>
        <translation>本柜台</translation>
    </message>
    <message>
        <source>counter {name}</source>
        <translation>柜台 {name}</translation>
    </message>
    <message>
        <source>another counter</source>
        <translation>另一台柜台</translation>
    </message>
    <message>
        <source>Case {ref}</source>
        <translation>案例 {ref}</translation>
    </message>
    <message>
        <source>Feedback form {ref}</source>
        <translation>反馈表 {ref}</translation>
    </message>
    <message>
        <source>, dealer {dealer}</source>
        <translation>，经销商 {dealer}</translation>
    </message>
    <message>
        <source>, customer {name}</source>
        <translation>，客户 {name}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>(built on another change kept aside)</source>
        <translation>（基于另一条另存的变更）</translation>
    </message>
    <message>
        <source>{action} — {who}, {place}, {when}</source>
        <translation>{action} — {who}，{place}，{when}</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>{field}: applied {applied}, kept aside {other}</source>
        <translation>{field}：已采用 {applied}，另存 {other}</translation>
    </message>
    <message>
        <source>applied: {applied}; kept aside: {other}</source>
        <translation>已采用：{applied}；另存：{other}</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>  Applied:    {side}</source>
        <translation>  已采用：{side}</translation>
    </message>
    <message>
        <source>  Kept aside: {side}</source>
        <translation>  另存：{side}</translation>
    </message>
    <message>
        <source>  {field}: applied {applied}, kept aside {other}</source>
        <translation>  {field}：已采用 {applied}，另存 {other}</translation>
    </message>
    <message>
        <source>  No field of the record differs.</source>
        <translation>  记录的各字段没有差别。</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Case or form</source>
        <translation>案件或反馈表</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Fields changed in both places</source>
        <translation>两处都修改的字段</translation>
    </message>
    <message>
        <source>Choose a conflict to compare its two changes.</source>
        <translation>选择一个冲突，比较两处的修改。</translation>
    </message>
    <message>
        <source>Applied (head office&apos;s version)</source>
        <translation>已采用（总部版本）</translation>
    </message>
    <message>
        <source>Kept aside</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>Keep head office&apos;s version...</source>
        <translation>保留总部版本...</translation>
    </message>
    <message>
        <source>Take the change kept aside...</source>
        <translation>采用搁置的修改...</translation>
    </message>
    <message>
        <source>Feedback form {ref}</source>
        <translation>反馈表 {ref}</translation>
    </message>
    <message>
        <source>Person {ref}</source>
        <translation>人员 {ref}</translation>
    </message>
    <message>
        <source>Resolved: the dealer&apos;s counters receive it on their next sync.</source>
        <translation>已解决：该经销商的前台在下次同步时收到。</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to head office</source>
        <translation>接入总部</translation>
    </message>
    <message>
        <source>e.g. Front desk 2</source>
        <translation>例如：前台 2 号</translation>
    </message>
    <message>
        <source>Head-office address</source>
        <translation>总部地址</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>接入码</translation>
    </message>
    <message>
        <source>Name of this PC</source>
        <translation>本机名称</translation>
    </message>
    <message>
        <source>Head office gives each counter PC a one-time code. The credential this counter receives is kept in the system keyring only.</source>
        <translation>总部为每台柜台电脑提供一次性接入码。本柜台获得的凭据只保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CountersPage</name>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Stands out when silent for more than</source>
        <translation>无联系超过以下天数时突出显示</translation>
    </message>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>最近同步</translation>
    </message>
    <message>
        <source>Silent (days)</source>
        <translation>无联系（天）</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>待发送修改</translation>
    </message>
    <message>
        <source>Sync problems</source>
        <translation>同步问题</translation>
    </message>
    <message>
        <source>Clock offset</source>
        <translation>时钟偏差</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Refused here</source>
        <translation>总部拒收</translation>
    </message>
    <message>
        <source>Files received</source>
        <translation>已收文件</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Changes waiting, Sync problems and version: as the counter said at its last sync. Refused here: changes or files head office refused of it.</source>
        <translation>待发送修改、同步问题和版本：前台在最近一次同步时上报。总部拒收：总部拒收的该前台修改或文件。</translation>
    </message>
    <message>
        <source>{s:+.0f} s</source>
        <translation>{s:+.0f} 秒</translation>
    </message>
    <message>
        <source>{counters}; silent for more than {days}: {silent}</source>
        <translation>{counters}；超过 {days} 无联系：{silent}</translation>
    </message>
    <message numerus="yes">
        <source>%n counters</source>
        <translation>
            <numerusform>%n 个前台</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>DraftBar</name>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d} 天 {h} 小时</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分钟</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
</context>
<context>
    <name>EarlyWarnings</name>
    <message>
        <source>Timeliness</source>
        <translation>及时性</translation>
    </message>
    <message>
        <source>Repair quality</source>
        <translation>维修质量</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>crossed on its failure share</source>
        <translation>按不满意率越过控制限</translation>
    </message>
    <message>
        <source>{subject} since {since}: {crossed}</source>
        <translation>{subject}：自 {since} 起{crossed}</translation>
    </message>
    <message>
        <source>{subject}: {failures} of {forms} failed since {since} (usually {base})</source>
        <translation>{subject}：自 {since} 起 {forms} 份中 {failures} 份不满意（通常为 {base}）</translation>
    </message>
    <message>
        <source>crossed on its grades: {grades} (usually {usual})</source>
        <translation>按等级越过控制限：{grades}（通常 {usual}）</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong.</source>
        <translation>出现了问题。</translation>
    </message>
    <message>
        <source>{path} can&apos;t be used: {why}.</source>
        <translation>无法使用 {path}：{why}。</translation>
    </message>
    <message>
        <source>The store at {path} was written by a newer version of Recovery Desk (schema {found}; this program knows up to {known}). It was not touched. Install the newer version to open it.</source>
        <translation>位于 {path} 的数据库由更新版本的服务补救台写入（结构版本 {found}；本程序最高支持 {known}）。数据库未作任何改动。请安装新版本后再打开。</translation>
    </message>
    <message>
        <source>Upgrading the store at {path} failed ({reason}). The store was restored from the backup taken just before; nothing was lost. Backup: {backup}</source>
        <translation>升级位于 {path} 的数据库失败（{reason}）。已从升级前的备份恢复，数据没有丢失。备份：{backup}</translation>
    </message>
    <message>
        <source>{what} &quot;{key}&quot; was not found.</source>
        <translation>未找到{what}“{key}”。</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <source>{file}: {count} problem(s) found; nothing was imported. Fix them and import the file again.</source>
        <translation>{file}：发现 {count} 个问题，未导入任何数据。请修正后重新导入该文件。</translation>
    </message>
    <message>
        <source>The store is busy with another change (another window, an import, the sync or a second desk on the same store) and stayed busy for several seconds. Nothing was saved; try again in a moment.</source>
        <translation>数据库正忙于另一项更改（另一个窗口、导入、同步，或同一数据库上的另一台前台），且持续忙碌了数秒。本次未保存任何内容，请稍后再试。</translation>
    </message>
    <message>
        <source>The disk that holds the store ({path}) is full. Nothing of this change was saved. Free some space on that disk (move old files or backups elsewhere), then try again.</source>
        <translation>存放数据库（{path}）的磁盘已满。本次更改未保存任何内容。请在该磁盘上腾出空间（把旧文件或备份移到别处），然后再试。</translation>
    </message>
    <message>
        <source>The store ({path}) can only be read here: the file, its folder or the drive is write-protected. Nothing was saved. Give this user account permission to change that folder (or move the store to a writable drive), then try again.</source>
        <translation>此处只能读取数据库（{path}）：文件、所在文件夹或磁盘处于写保护状态。未保存任何内容。请给当前用户帐户授予修改该文件夹的权限（或把数据库移到可写的磁盘），然后再试。</translation>
    </message>
    <message>
        <source>The store ({path}) can&apos;t be reached: its drive may be disconnected or failing. Nothing was saved. Check the drive is connected and has free space, then try again.</source>
        <translation>无法访问数据库（{path}）：其所在磁盘可能已断开或出现故障。未保存任何内容。请检查磁盘已连接且有可用空间，然后再试。</translation>
    </message>
    <message>
        <source>Case {number} was changed by {who} at {when}, after you opened it. Your change was not saved.</source>
        <translation>案件 {number} 在您打开之后，已由{who}于 {when} 更改。您的这次更改没有保存。</translation>
    </message>
    <message>
        <source>The calls&apos; risk model could not be fitted ({reason}). Nothing was changed; it is tried again when new forms arrive, or run `recovery-desk orders refit`.</source>
        <translation>未能拟合回访的风险模型（{reason}）。未做任何更改；有新的反馈表时会再试，也可运行 `recovery-desk orders refit`。</translation>
    </message>
    <message>
        <source>you (in another window)</source>
        <translation>您（在另一个窗口）</translation>
    </message>
    <message>
        <source>{name} at another counter</source>
        <translation>另一台柜台的{name}</translation>
    </message>
    <message>
        <source>someone at another counter</source>
        <translation>另一台柜台的人员</translation>
    </message>
    <message>
        <source>head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>其他人</translation>
    </message>
    <message>
        <source>Repair order {number} was changed by {who} at {when}, after its call was listed. The call was not recorded, and anything you typed is still here: look at the change, then record the call again.</source>
        <translation>维修工单 {number} 在回访列表显示之后，已由{who}于 {when} 更改。这次回访没有记录，您输入的内容都还在：请先查看这项更改，再重新记录回访。</translation>
    </message>
    <message>
        <source>The early warnings could not be worked out ({reason}). Nothing was changed; they are tried again when new forms arrive, or run `recovery-desk warn refresh`.</source>
        <translation>未能算出预警（{reason}）。未做任何更改；有新的反馈表时会再试，也可运行 `recovery-desk warn refresh`。</translation>
    </message>
    <message>
        <source>write the month as YYYY-MM, e.g. 2026-05</source>
        <translation>月份请写成 YYYY-MM 格式，例如 2026-05</translation>
    </message>
    <message>
        <source>the year {year} is out of range: give one from {first} to {last}, e.g. 2026-05</source>
        <translation>年份 {year} 超出范围：请给出 {first} 到 {last} 之间的年份，例如 2026-05</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>服务顾问</translation>
    </message>
    <message>
        <source>Not allowed: {reason}</source>
        <translation>不允许：{reason}</translation>
    </message>
    <message>
        <source>Case {number} is {status}; it can&apos;t be {action} now.</source>
        <translation>案例 {number} 当前状态为 {status}，现在不能执行此操作（{action}）。</translation>
    </message>
    <message>
        <source>your account is no longer active on this counter; ask an administrator, then sign in again</source>
        <translation>您的账号在本柜台已停用；请联系管理员，然后重新登录</translation>
    </message>
    <message>
        <source>The enrolment code is not valid: it was mistyped, already used or has expired. Ask head office for a new code.</source>
        <translation>接入码无效：可能输错、已被使用或已过期。请向总部索取新的接入码。</translation>
    </message>
    <message>
        <source>Counter {counter} is already enrolled; a code can&apos;t enrol it again or move it to another dealer. To re-enrol it, head office issues a code for it: recovery-desk hq enrol --dealer CODE --replace {counter}</source>
        <translation>柜台 {counter} 已登记，登记码不能再次登记它或把它转到其他经销商。如需重新登记，由总部为它签发登记码：recovery-desk hq enrol --dealer CODE --replace {counter}</translation>
    </message>
    <message>
        <source>The counter id {counter} is not valid: it must be the counter&apos;s UUID (36 characters, e.g. 01890a5d-ac96-774b-bcce-b302099a8057).</source>
        <translation>柜台编号 {counter} 无效：必须是柜台的 UUID（36 个字符，例如 01890a5d-ac96-774b-bcce-b302099a8057）。</translation>
    </message>
    <message>
        <source>Dealer {dealer} already has {n} counters, as many as case numbers can tell apart. Remove a counter that is no longer used before enrolling another.</source>
        <translation>经销商 {dealer} 已有 {n} 台柜台，已达案件编号可区分的上限。请先移除不再使用的柜台，再登记新的柜台。</translation>
    </message>
    <message>
        <source>letters, digits, - and _ only, at most 32, e.g. BJ01</source>
        <translation>只能用字母、数字、- 和 _，最多 32 个字符，例如 BJ01</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Counter of this dealer</source>
        <translation>该经销商的柜台</translation>
    </message>
    <message>
        <source>not one of the offered choices</source>
        <translation>不是可选的值之一</translation>
    </message>
    <message>
        <source>the follow-up call can&apos;t be due before today: pick today or a later day</source>
        <translation>回访时间不能早于今天：请选择今天或以后的日期</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>choose the customer&apos;s re-rating from 1 to 10</source>
        <translation>请选择客户的再评分（1-10）</translation>
    </message>
    <message>
        <source>a whole number from 1 to 10</source>
        <translation>请填写 1 到 10 的整数</translation>
    </message>
    <message>
        <source>can&apos;t be lower than the score band suggests; to raise it, give a reason</source>
        <translation>不能低于评分区间建议的严重程度；如需调高，请填写原因</translation>
    </message>
    <message>
        <source>files up to 50 MB can be attached</source>
        <translation>附件不能超过 50 MB</translation>
    </message>
    <message>
        <source>choose an existing file</source>
        <translation>请选择一个存在的文件</translation>
    </message>
    <message>
        <source>applied or other</source>
        <translation>applied 或 other</translation>
    </message>
    <message>
        <source>Open conflict</source>
        <translation>待处理的冲突</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>A value starting on this line is longer than {limit} characters, so the file can&apos;t be read. Often a quote (&quot;) opened here is never closed; otherwise shorten the value.</source>
        <translation>从这一行开始的某个值超过 {limit} 个字符，文件无法读取。通常是这里的引号（&quot;）没有闭合；否则请缩短该值。</translation>
    </message>
    <message>
        <source>A quote (&quot;) opened on this line is never closed: the file ends inside the value. Close the quote, or remove it.</source>
        <translation>这一行开始的引号（&quot;）没有闭合：文件在该值中间结束。请补上或删除引号。</translation>
    </message>
    <message>
        <source>A quote (&quot;) closes a value but more text follows before the comma. Inside a quoted value write a quote twice (&quot;&quot;).</source>
        <translation>引号（&quot;）结束了一个值，但逗号前还有文字。在带引号的值中，引号要写两次（&quot;&quot;）。</translation>
    </message>
    <message>
        <source>This line can&apos;t be read as CSV. Save the file again as CSV UTF-8.</source>
        <translation>此行无法按 CSV 读取。请将文件重新另存为 CSV UTF-8。</translation>
    </message>
    <message>
        <source>The file is empty: its first row must name the columns.</source>
        <translation>文件是空的：第一行必须是列名（表头）。</translation>
    </message>
    <message>
        <source>The file has more than {limit} rows; import it in parts (for example a file per quarter).</source>
        <translation>文件超过 {limit} 行；请分批导入（例如每季度一个文件）。</translation>
    </message>
    <message>
        <source>This cell holds {found} characters, more than the {limit} any column takes. Shorten it.</source>
        <translation>此单元格有 {found} 个字符，超过任何一列允许的 {limit} 个。请缩短。</translation>
    </message>
    <message>
        <source>The file is {size} MB, more than the {limit} MB an import takes. Import it in parts.</source>
        <translation>文件大小为 {size} MB，超过导入允许的 {limit} MB。请分批导入。</translation>
    </message>
    <message>
        <source>The file looks like an Excel workbook but is damaged (it can&apos;t be unpacked). Open it in Excel and save it again.</source>
        <translation>该文件看似 Excel 工作簿，但已损坏（无法解压）。请在 Excel 中打开并重新保存。</translation>
    </message>
    <message>
        <source>The workbook would unpack to {size} MB, more than {limit} MB: far more than any sheet of forms, so it is damaged or built to exhaust the computer. It was not opened. Save the sheet again in Excel, or import it in parts.</source>
        <translation>该工作簿解压后将达 {size} MB，超过 {limit} MB：远大于任何反馈表，因此它已损坏或是被故意做成耗尽电脑资源的文件。未打开该文件。请在 Excel 中重新保存该工作表，或分批导入。</translation>
    </message>
    <message>
        <source>The workbook can&apos;t be read: it is damaged, or not an Excel workbook. Open it in Excel and use Save As &gt; &quot;Excel Workbook (.xlsx)&quot; or &quot;CSV UTF-8 (comma delimited)&quot;.</source>
        <translation>无法读取该工作簿：文件已损坏，或不是 Excel 工作簿。请在 Excel 中打开，使用“另存为”&gt;“Excel 工作簿 (.xlsx)”或“CSV UTF-8（逗号分隔）”。</translation>
    </message>
    <message>
        <source>The workbook&apos;s sheets are empty: its first sheet must hold the forms, a row naming the columns first.</source>
        <translation>工作簿的工作表是空的：第一个工作表应包含反馈表，且第一行为列名。</translation>
    </message>
    <message>
        <source>The file is UTF-16 text (Excel&apos;s &quot;Unicode text&quot;), not CSV. In Excel use Save As &gt; &quot;Excel Workbook (.xlsx)&quot; or &quot;CSV UTF-8 (comma delimited)&quot;.</source>
        <translation>该文件是 UTF-16 文本（Excel 的“Unicode 文本”），不是 CSV。请在 Excel 中使用“另存为”&gt;“Excel 工作簿 (.xlsx)”或“CSV UTF-8（逗号分隔）”。</translation>
    </message>
    <message>
        <source>The file contains a NUL byte here, so it is not a text CSV file. In Excel use Save As &gt; &quot;Excel Workbook (.xlsx)&quot; or &quot;CSV UTF-8 (comma delimited)&quot;.</source>
        <translation>文件在此处含有 NUL 字节，因此不是文本 CSV 文件。请在 Excel 中使用“另存为”&gt;“Excel 工作簿 (.xlsx)”或“CSV UTF-8（逗号分隔）”。</translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor GB18030/GBK text from this line on, so its characters can&apos;t be read. In Excel use Save As &gt; &quot;Excel Workbook (.xlsx)&quot; or &quot;CSV UTF-8 (comma delimited)&quot;.</source>
        <translation>从这一行起，文件既不是 UTF-8 也不是 GB18030/GBK 文本，无法读取其中的字符。请在 Excel 中使用“另存为”&gt;“Excel 工作簿 (.xlsx)”或“CSV UTF-8（逗号分隔）”。</translation>
    </message>
    <message>
        <source>The mapping names column &quot;{header}&quot; for {column}, but the first row has no such column.</source>
        <translation>对应关系为 {column} 指定了列“{header}”，但第一行中没有这一列。</translation>
    </message>
    <message>
        <source>Column &quot;{column}&quot; appears twice in the header.</source>
        <translation>表头中“{column}”列出现了两次。</translation>
    </message>
    <message>
        <source>&quot;{part}&quot; is not COLUMN=HEADER with COLUMN one of {keys}</source>
        <translation>“{part}”不是 列=表头 的形式（列须为以下之一：{keys}）</translation>
    </message>
    <message>
        <source>{column} is given twice, as &quot;{first}&quot; and as &quot;{second}&quot;; give each column once</source>
        <translation>对应关系中 {column} 指定了两次：“{first}”和“{second}”；每一列只能指定一次</translation>
    </message>
    <message>
        <source>&quot;{header}&quot; is given for both {first} and {second}; a header is one column, give each its own</source>
        <translation>“{header}”同时指定给了 {first} 和 {second}；一个表头只对应一列，请为每一列分别指定</translation>
    </message>
    <message>
        <source>The first row is not the header (none of its columns is there). Add a first row naming the columns, in English ({keys}) or Chinese ({chinese}), in any order.</source>
        <translation>第一行不是表头（其中没有任何可识别的列）。请在最前面加一行列名，用英文（{keys}）或中文（{chinese}）均可，顺序不限。</translation>
    </message>
    <message>
        <source>No column is &quot;{column}&quot; (headers taken for it: {headers}). Rename that column, or say which it is (on the command line: --map {column}=HEADER).</source>
        <translation>没有“{column}”列（可识别的表头：{headers}）。请重命名该列，或指明是哪一列（命令行：--map {column}=表头）。</translation>
    </message>
    <message>
        <source>Columns not placed: {unplaced}.</source>
        <translation>未对应的列：{unplaced}。</translation>
    </message>
    <message>
        <source>This row has {found} values but the header has {expected}. Check for a comma inside a value that is not in quotes.</source>
        <translation>此行有 {found} 个值，但表头有 {expected} 列。请检查是否有未加引号的值中含有逗号。</translation>
    </message>
    <message>
        <source>Repair order {ro} is already on line {first}: a repair order has one feedback form. Remove one of the two lines.</source>
        <translation>工单 {ro} 已出现在第 {first} 行：每个工单只有一份反馈表。请删除其中一行。</translation>
    </message>
    <message>
        <source>&quot;{column}&quot; is empty; it is required.</source>
        <translation>“{column}”为空，此项必填。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date; write it as YYYY-MM-DD, e.g. 2026-05-18.</source>
        <translation>“{value}”不是有效日期；请写成 YYYY-MM-DD，例如 2026-05-18。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a grade; use one letter A, B, C, D or E.</source>
        <translation>“{value}”不是有效的等级；请填写 A、B、C、D、E 中的一个字母。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not an overall score; use a whole number from 1 to 10, or leave it empty.</source>
        <translation>“{value}”不是有效的总体评分；请填写 1 到 10 的整数，或留空。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not yes or no; write yes, no, or leave it empty (= no).</source>
        <translation>“{value}”不是 yes 或 no；请填写 yes、no，或留空（= no）。</translation>
    </message>
    <message>
        <source>--dealer {dealer}: this counter is connected to head office for dealer {home}, so it imports only {home}&apos;s forms (another dealer&apos;s would be refused by head office). Leave out --dealer, or import the file on a counter of {dealer}. Nothing was stored.</source>
        <translation>--dealer {dealer}：本柜台以经销商 {home} 的身份连接总部，只能导入 {home} 的反馈表（其他经销商的会被总部拒收）。请去掉 --dealer，或在 {dealer} 的柜台上导入该文件。未保存任何内容。</translation>
    </message>
    <message>
        <source>Repair order {ro} is already stored with different {fields} (stored: {stored}; file: {file}). Nothing was overwritten: correct the form in the app, or fix this line.</source>
        <translation>工单 {ro} 已存有不同的 {fields}（已存：{stored}；文件：{file}）。没有覆盖任何数据：请在应用中更正该反馈表，或修改此行。</translation>
    </message>
    <message>
        <source>The store at {path} can&apos;t be read: {reason}</source>
        <translation>无法读取位于 {path} 的数据库：{reason}</translation>
    </message>
    <message>
        <source>Other users of this computer could read {count} file(s) of the store in {path} (customers&apos; names and phones). They are now readable by you only. Keep the folder private; don&apos;t copy it to shared places.</source>
        <translation>本机其他用户可以读取 {path} 中数据库的 {count} 个文件（含客户姓名和电话）。现已改为仅您本人可读。请保持该文件夹私有，不要复制到共享位置。</translation>
    </message>
    <message>
        <source>The upgraded store has {n} rows pointing at rows that don&apos;t exist.</source>
        <translation>升级后的数据库中有 {n} 行指向不存在的记录。</translation>
    </message>
    <message>
        <source>only a supervisor can acknowledge alerts</source>
        <translation>只有主管可以确认提醒</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>choose a grade from A to E</source>
        <translation>请选择 A 到 E 中的一个等级</translation>
    </message>
    <message>
        <source>only a supervisor can change verification</source>
        <translation>只有主管可以修改核实状态</translation>
    </message>
    <message>
        <source>this repair order already has a form; find it under Feedback forms to correct it</source>
        <translation>该工单已有反馈表；请在“意见反馈表”中打开它进行更正</translation>
    </message>
    <message>
        <source>this form no longer exists</source>
        <translation>该反馈表已不存在</translation>
    </message>
    <message>
        <source>someone changed this form meanwhile; open it again to see their change</source>
        <translation>其他人刚刚修改了这张反馈表，请重新打开查看其修改</translation>
    </message>
    <message>
        <source>the correction window has passed; ask a supervisor to record a dispute instead</source>
        <translation>已超过可更正期限，请让主管登记为有异议</translation>
    </message>
    <message>
        <source>only a supervisor can change this setting</source>
        <translation>只有主管可以修改此设置</translation>
    </message>
    <message>
        <source>only an administrator can change this setting</source>
        <translation>只有管理员可以修改此设置</translation>
    </message>
    <message>
        <source>head office sets this; no counter changes it</source>
        <translation>此项由总部设置，前台不能更改</translation>
    </message>
    <message>
        <source>Wrong user name or PIN. Check both and try again.</source>
        <translation>用户名或密码错误，请检查后重试。</translation>
    </message>
    <message>
        <source>use at least 4 characters</source>
        <translation>至少需要 4 个字符</translation>
    </message>
    <message>
        <source>this user name is taken; choose another</source>
        <translation>该用户名已被使用，请换一个</translation>
    </message>
    <message>
        <source>an administrator already exists; sign in</source>
        <translation>管理员已存在，请直接登录</translation>
    </message>
    <message>
        <source>only an administrator manages the users of this counter</source>
        <translation>只有管理员才能管理本柜台的用户</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>you can&apos;t deactivate yourself; ask another administrator</source>
        <translation>不能停用自己的账号；请让另一位管理员操作</translation>
    </message>
    <message>
        <source>you can&apos;t change your own role; ask another administrator</source>
        <translation>不能更改自己的角色，请另一位管理员操作</translation>
    </message>
    <message>
        <source>{file}: the script pack was refused ({count} problem(s)); the pack in use stays in use.</source>
        <translation>{file}：话术包未被采用（发现 {count} 个问题），继续使用当前话术包。</translation>
    </message>
    <message>
        <source>can&apos;t be read: this line is not UTF-8 text; save the file as UTF-8</source>
        <translation>无法读取：此行不是 UTF-8 文本；请将文件另存为 UTF-8</translation>
    </message>
    <message>
        <source>not valid YAML at column {column}: a tab can&apos;t indent YAML; indent with spaces</source>
        <translation>不是有效的 YAML（第 {column} 列）：YAML 不能用制表符缩进，请用空格</translation>
    </message>
    <message>
        <source>not valid YAML at column {column}: a value can&apos;t start with this character; put the value in quotes</source>
        <translation>不是有效的 YAML（第 {column} 列）：值不能以此字符开头，请给该值加引号</translation>
    </message>
    <message>
        <source>not valid YAML at column {column}: a colon where none can be; put a value holding &quot;: &quot; in quotes, or check the indentation</source>
        <translation>不是有效的 YAML（第 {column} 列）：此处不能有冒号；含“: ”的值请加引号，或检查缩进</translation>
    </message>
    <message>
        <source>not valid YAML at column {column}: a key without its colon (key: value)</source>
        <translation>不是有效的 YAML（第 {column} 列）：键后缺少冒号（键: 值）</translation>
    </message>
    <message>
        <source>not valid YAML at column {column}: *name repeats an &amp;name that is not defined above it</source>
        <translation>不是有效的 YAML（第 {column} 列）：*名称 引用的 &amp;名称 在上方未定义</translation>
    </message>
    <message>
        <source>not valid YAML at column {column}: a backslash (\) in double quotes starts no known escape; write it twice, or use single quotes</source>
        <translation>不是有效的 YAML（第 {column} 列）：双引号中的反斜杠（\）不构成已知的转义；请写两次，或改用单引号</translation>
    </message>
    <message>
        <source>not valid YAML: the file ends inside a quoted value opened above; close the quote</source>
        <translation>不是有效的 YAML：文件在上方开始的引号值中结束；请补上引号</translation>
    </message>
    <message>
        <source>not valid YAML at column {column}: a list or mapping in brackets opened above is not closed properly</source>
        <translation>不是有效的 YAML（第 {column} 列）：上方用括号开始的列表或映射没有正确闭合</translation>
    </message>
    <message>
        <source>not valid YAML at column {column}: check the indentation, colons, quotes and brackets here</source>
        <translation>不是有效的 YAML（第 {column} 列）：请检查此处的缩进、冒号、引号和括号</translation>
    </message>
    <message>
        <source>{where} must be a mapping of keys to values</source>
        <translation>{where} 应为“键: 值”的映射</translation>
    </message>
    <message>
        <source>{where}: &quot;{key}&quot; is given twice</source>
        <translation>{where}：“{key}”重复出现</translation>
    </message>
    <message>
        <source>{where}: unknown key &quot;{key}&quot;; allowed: {allowed}</source>
        <translation>{where}：未知的键“{key}”；允许的键：{allowed}</translation>
    </message>
    <message>
        <source>{where}: &quot;{key}&quot; is missing</source>
        <translation>{where}：缺少“{key}”</translation>
    </message>
    <message>
        <source>{where} must be non-empty text</source>
        <translation>{where} 应为非空文字</translation>
    </message>
    <message>
        <source>{where} must be a whole number from 0 to {most}</source>
        <translation>{where} 应为 0 到 {most} 之间的整数</translation>
    </message>
    <message>
        <source>{where} must be true or false</source>
        <translation>{where} 应为 true 或 false</translation>
    </message>
    <message>
        <source>{where}.{key}: &quot;{value}&quot; is not one of {allowed}</source>
        <translation>{where}.{key}：“{value}”不是以下之一：{allowed}</translation>
    </message>
    <message>
        <source>{where}.{key} lists nothing</source>
        <translation>{where}.{key} 没有列出任何值</translation>
    </message>
    <message>
        <source>{where} must be a non-empty list</source>
        <translation>{where} 应为非空列表</translation>
    </message>
    <message>
        <source>{where}: unknown step kind &quot;{kind}&quot;; known kinds: {known}</source>
        <translation>{where}：未知的步骤类型“{kind}”；可用类型：{known}</translation>
    </message>
    <message>
        <source>{where}.match: &quot;failure_type&quot; is missing</source>
        <translation>{where}.match：缺少“failure_type”</translation>
    </message>
    <message>
        <source>{where}: every script ends in a follow-up; add a step of kind agree_follow_up</source>
        <translation>{where}：每个话术都必须以约定回访结束，请添加 agree_follow_up 类型的步骤</translation>
    </message>
    <message>
        <source>the file is nested far deeper than a script pack is</source>
        <translation>文件嵌套层数远超话术包应有的深度</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>script id &quot;{id}&quot; is used twice</source>
        <translation>话术编号“{id}”重复使用</translation>
    </message>
    <message>
        <source>no script covers {failure_type} / {cause_group} / {severity}; every case needs one</source>
        <translation>没有话术适用于 {failure_type} / {cause_group} / {severity}；每类案例都必须有话术</translation>
    </message>
    <message>
        <source>can&apos;t be read: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <source>no such step in this script</source>
        <translation>此话术中没有这一步</translation>
    </message>
    <message>
        <source>this step can&apos;t be skipped; the script requires it</source>
        <translation>这一步不能跳过，话术要求必须完成</translation>
    </message>
    <message>
        <source>offer a remedy first, or skip this step with a reason</source>
        <translation>请先提出补偿，或写明原因后跳过这一步</translation>
    </message>
    <message>
        <source>only a supervisor can close a case that was not recovered</source>
        <translation>补救未成功的案例只能由主管结案</translation>
    </message>
    <message>
        <source>a whole number of yuan from 0 to 1000000</source>
        <translation>请输入 0 到 1000000 之间的整数（元）</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>补偿</translation>
    </message>
    <message>
        <source>only a supervisor can approve or refuse a remedy</source>
        <translation>只有主管可以批准或拒绝补偿</translation>
    </message>
    <message>
        <source>a remedy above your own limit needs another supervisor&apos;s decision</source>
        <translation>超出您本人权限的补偿需由另一位主管审批</translation>
    </message>
    <message>
        <source>this remedy was already decided</source>
        <translation>此补偿已经审批过了</translation>
    </message>
    <message>
        <source>{amount} yuan is above your authority of {limit} yuan</source>
        <translation>{amount} 元超出了您 {limit} 元的权限</translation>
    </message>
    <message>
        <source>the remedy is still waiting for a supervisor&apos;s approval; come back to this step when it is decided</source>
        <translation>补偿仍在等待主管审批；审批后再回到这一步</translation>
    </message>
    <message>
        <source>only a supervisor makes verification calls</source>
        <translation>只有主管可以进行核实回访</translation>
    </message>
    <message>
        <source>Verification call</source>
        <translation>核实回访</translation>
    </message>
    <message>
        <source>this call was already recorded</source>
        <translation>这次回访已经记录过了</translation>
    </message>
    <message>
        <source>Feedback form</source>
        <translation>反馈表</translation>
    </message>
    <message>
        <source>this form is not disputed</source>
        <translation>此反馈表没有异议</translation>
    </message>
    <message>
        <source>{field}: version {version} of pack {name} is not newer than version {latest} already published; raise &quot;version&quot; in the file</source>
        <translation>{field}：话术包 {name} 的版本 {version} 不高于已发布的版本 {latest}；请在文件中提高 &quot;version&quot;</translation>
    </message>
    <message>
        <source>give an object of setting keys and values, e.g. {&quot;settings&quot;: {&quot;assessment.reward_amount&quot;: 1200}}</source>
        <translation>请给出设置项及其取值的对象，例如 {&quot;settings&quot;: {&quot;assessment.reward_amount&quot;: 1200}}</translation>
    </message>
    <message>
        <source>not a setting head office can publish</source>
        <translation>不是总部可以发布的设置项</translation>
    </message>
    <message>
        <source>not UTF-8 text; save the file as UTF-8</source>
        <translation>不是 UTF-8 文本；请将文件另存为 UTF-8</translation>
    </message>
    <message>
        <source>not valid JSON: it goes wrong at line {line}, column {column}</source>
        <translation>不是有效的 JSON：第 {line} 行第 {column} 列出错</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>larger than 16 MB</source>
        <translation>超过 16 MB</translation>
    </message>
    <message>
        <source>The case file is signed but head office could not process it ({reason}). Nothing of it was imported; it was set aside for head office&apos;s staff.</source>
        <translation>案例文件签名有效，但总部无法处理它（{reason}）。其中内容均未导入；文件已移到一旁，交总部人员查看。</translation>
    </message>
    <message>
        <source>The case file says it is from dealer {dealer}, but counter {counter} is enrolled for another dealer. Nothing of it was imported.</source>
        <translation>案例文件声称来自经销商 {dealer}，但柜台 {counter} 登记在另一家经销商名下。文件内容一项也没有导入。</translation>
    </message>
    <message>
        <source>Replay refused: counter {counter} already delivered a different file with sequence {sequence}. An old or copied file can&apos;t be applied twice.</source>
        <translation>拒绝重放：柜台 {counter} 已经交付过序号为 {sequence} 的另一个文件。旧文件或复制的文件不能重复应用。</translation>
    </message>
    <message>
        <source>The case file can&apos;t be kept: its name {name} would lead outside head office&apos;s folder.</source>
        <translation>无法保存该案件文件：其名称 {name} 会指向总部文件夹之外。</translation>
    </message>
    <message>
        <source>The case file is signed but its content can&apos;t be stored ({reason}). Nothing of it was imported.</source>
        <translation>案例文件签名有效，但内容无法保存（{reason}）。文件内容一项也没有导入。</translation>
    </message>
    <message>
        <source>Windows keeps it in its Credential Manager, which is built in: sign in to Windows with your own user account and connect again.</source>
        <translation>Windows 将其保存在系统自带的“凭据管理器”中：请用您自己的用户帐户登录 Windows，然后重新连接。</translation>
    </message>
    <message>
        <source>macOS keeps it in the Keychain, which is built in: sign in with your own user account and connect again.</source>
        <translation>macOS 将其保存在系统自带的“钥匙串”中：请用您自己的用户帐户登录，然后重新连接。</translation>
    </message>
    <message>
        <source>Install the keyring: sudo apt install gnome-keyring (then sign out and in again so it starts unlocked), and connect again.</source>
        <translation>请安装密钥环：sudo apt install gnome-keyring（然后注销并重新登录，使其启动并解锁），再重新连接。</translation>
    </message>
    <message>
        <source>Install the keyring: sudo dnf install gnome-keyring (then sign out and in again so it starts unlocked), and connect again.</source>
        <translation>请安装密钥环：sudo dnf install gnome-keyring（然后注销并重新登录，使其启动并解锁），再重新连接。</translation>
    </message>
    <message>
        <source>Install the keyring: sudo pacman -S gnome-keyring (then sign out and in again so it starts unlocked), and connect again.</source>
        <translation>请安装密钥环：sudo pacman -S gnome-keyring（然后注销并重新登录，使其启动并解锁），再重新连接。</translation>
    </message>
    <message>
        <source>Install and unlock a Secret Service keyring (e.g. gnome-keyring or KWallet), then connect again.</source>
        <translation>请安装并解锁一个 Secret Service 密钥环（例如 gnome-keyring 或 KWallet），然后重新连接。</translation>
    </message>
    <message>
        <source>No secure keyring is available on this computer ({backend}), so the sync credential can&apos;t be stored. Nothing was written to a file instead. {remedy}</source>
        <translation>这台电脑上没有可用的安全密钥环（{backend}），因此无法保存同步凭据，也没有改为写入文件。{remedy}</translation>
    </message>
    <message>
        <source>This counter has no sync credential in the keyring. Connect it to head office again with a new enrolment code (Settings, or `recovery-desk connect --url URL --code CODE`).</source>
        <translation>密钥环中没有本柜台的同步凭据。请用新的接入码重新接入总部（在“设置”中，或运行 `recovery-desk connect --url URL --code CODE`）。</translation>
    </message>
    <message>
        <source>The case file is malformed: {where} holds a character no database can store (U+{char}) at position {position}. Nothing of it was imported.</source>
        <translation>案例文件格式错误：{where} 第 {position} 个位置含有数据库无法保存的字符（U+{char}）。文件内容一项也没有导入。</translation>
    </message>
    <message>
        <source>The case file is malformed: {where} holds the number {number}, outside the range a database column holds ({low} to {high}). Nothing of it was imported.</source>
        <translation>案例文件格式错误：{where} 含有数字 {number}，超出数据库字段可保存的范围（{low} 至 {high}）。文件内容一项也没有导入。</translation>
    </message>
    <message>
        <source>The case file is malformed: {where} is nested more than {limit} levels deep. Nothing of it was imported.</source>
        <translation>案例文件格式错误：{where} 嵌套超过 {limit} 层。文件内容一项也没有导入。</translation>
    </message>
    <message>
        <source>The case file is malformed: {where} holds {number}, which is not a number JSON allows. Nothing of it was imported.</source>
        <translation>案例文件格式错误：{where} 含有 {number}，这不是 JSON 允许的数字。文件内容一项也没有导入。</translation>
    </message>
    <message>
        <source>The case file is malformed: {field} should be {want}. Nothing of it was imported.</source>
        <translation>案例文件格式错误：{field} 应为 {want}。文件内容一项也没有导入。</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a whole number from 1 to {high}</source>
        <translation>1 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>an object with id and code</source>
        <translation>含 id 和 code 的对象</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation>以下之一：{choices}</translation>
    </message>
    <message>
        <source>the previous version: an object with seq (one less than this one&apos;s) and event_id</source>
        <translation>上一版本：含 seq（比本条小 1）和 event_id 的对象</translation>
    </message>
    <message>
        <source>present exactly when seq is more than 1</source>
        <translation>仅在 seq 大于 1 时出现</translation>
    </message>
    <message>
        <source>text or null</source>
        <translation>文本或 null</translation>
    </message>
    <message>
        <source>the file&apos;s dealer</source>
        <translation>本文件的经销商</translation>
    </message>
    <message>
        <source>the counter that signed the file</source>
        <translation>签署本文件的柜台</translation>
    </message>
    <message>
        <source>an object with no keys but {choices}</source>
        <translation>键只能是以下各项的对象：{choices}</translation>
    </message>
    <message>
        <source>an object with an id</source>
        <translation>含 id 的对象</translation>
    </message>
    <message>
        <source>an object with alg {alg}, key (the counter) and value</source>
        <translation>含 alg（{alg}）、key（柜台）和 value 的对象</translation>
    </message>
    <message>
        <source>This is not a case file (it is not valid JSON: the text goes wrong at line {line}, column {column}).</source>
        <translation>这不是案例文件（不是有效的 JSON：第 {line} 行第 {column} 列出错）。</translation>
    </message>
    <message>
        <source>The case file is {size} bytes, more than the {limit} allowed. Send fewer changes per file.</source>
        <translation>案例文件有 {size} 字节，超过允许的 {limit} 字节。请每个文件少放一些变更。</translation>
    </message>
    <message>
        <source>This is not a case file (it is not UTF-8 text).</source>
        <translation>这不是案例文件（不是 UTF-8 文本）。</translation>
    </message>
    <message>
        <source>The case file is truncated: it ends after {size} bytes, in the middle of its content. Copy it again from the counter.</source>
        <translation>案例文件不完整：在第 {size} 字节处中途截断。请从柜台重新复制。</translation>
    </message>
    <message>
        <source>This is not a case file (its format is not &quot;{format}&quot;).</source>
        <translation>这不是案例文件（格式不是“{format}”）。</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>Upgrade required: the case file has format version {found}, this program reads versions {low} to {high}. Install the newer Recovery Desk and import it again.</source>
        <translation>需要升级：案例文件的格式版本为 {found}，本程序只能读取 {low} 到 {high} 版。请安装新版服务补救台后重新导入。</translation>
    </message>
    <message>
        <source>The case file has format version {found}, older than the oldest this program reads ({low}).</source>
        <translation>案例文件的格式版本为 {found}，比本程序能读取的最旧版本（{low}）还旧。</translation>
    </message>
    <message>
        <source>The case file comes from counter {counter} of dealer {dealer}, which head office has not enrolled. Enrol the counter, then send the file again.</source>
        <translation>案例文件来自经销商 {dealer} 的柜台 {counter}，但总部尚未登记该柜台。请先接入该柜台，再重新发送文件。</translation>
    </message>
    <message>
        <source>The case file&apos;s signature does not match: it was changed after counter {counter} signed it, or signed with a key other than the one head office holds for that counter.</source>
        <translation>案例文件签名不符：它在柜台 {counter} 签名后被改动过，或者所用密钥不是总部为该柜台保存的密钥。</translation>
    </message>
    <message>
        <source>The case file was changed after counter {counter} signed it (its bytes are not the ones that were signed).</source>
        <translation>案例文件在柜台 {counter} 签名后被改动过（内容字节与签名时不同）。</translation>
    </message>
    <message>
        <source>This counter is not connected to head office yet. Connect it with an enrolment code from head office (Settings, or `recovery-desk connect --url URL --code CODE`).</source>
        <translation>本柜台尚未接入总部。请用总部提供的接入码接入（在“设置”中，或运行 `recovery-desk connect --url URL --code CODE`）。</translation>
    </message>
    <message>
        <source>Head office at {url} can&apos;t be reached ({reason}). Nothing is lost: {waiting} change(s) wait in the outbox and go out on the next sync.</source>
        <translation>无法连接总部 {url}（{reason}）。没有任何数据丢失：{waiting} 项变更在发件箱中等待，下次同步时发送。</translation>
    </message>
    <message>
        <source>The answer from {url} could not be verified as head office&apos;s (HTTP {status}). A proxy, captive portal or wrong address may be in the way; nothing was marked as sent.</source>
        <translation>无法确认来自 {url} 的应答出自总部（HTTP {status}）。可能被代理、网络登录页拦截或地址有误；没有任何内容被标记为已发送。</translation>
    </message>
    <message>
        <source>Head office does not accept this counter&apos;s credential ({reason}). Ask head office for a new enrolment code and connect again.</source>
        <translation>总部不接受本柜台的凭据（{reason}）。请向总部索取新的接入码并重新接入。</translation>
    </message>
    <message>
        <source>An answer from {url} was larger than the {limit} MB this counter reads ({which}); it was not read and nothing of it was used. Nothing is lost: what waits to be sent stays waiting. If this stays, tell head office.</source>
        <translation>来自 {url} 的应答超过本前台可读取的 {limit} MB（{which}）；未读取，其中内容均未使用。没有丢失任何数据：待发送的内容仍在等待发送。如果一直出现，请告知总部。</translation>
    </message>
    <message>
        <source>Head office refused a file, but not the one this counter sent: the bytes it received differ from them (something on the way changed them). File {sequence} stays waiting and is sent again.</source>
        <translation>总部拒收了一个文件，但不是本前台发出的那个：总部收到的字节与发出的不同（传输途中被改动）。文件 {sequence} 仍在等待，将再次发送。</translation>
    </message>
    <message>
        <source>A change from head office (number {n}) could not be applied here ({reason}). Nothing of it was applied; it is tried again on the next sync. If this stays, update Recovery Desk.</source>
        <translation>来自总部的变更（编号 {n}）无法在本机应用（{reason}）。其内容一项也没有应用，下次同步时会再试。如果一直如此，请升级服务补救台。</translation>
    </message>
    <message>
        <source>The outbox file changed on disk after it was written; it was not sent.</source>
        <translation>待发文件写好后在磁盘上被改动过，未发送。</translation>
    </message>
    <message>
        <source>compressed</source>
        <translation>压缩后</translation>
    </message>
    <message>
        <source>inflated</source>
        <translation>解压后</translation>
    </message>
    <message>
        <source>The attachment {name} ({sha}) is named in a case but its file is missing on this counter, so it can&apos;t be sent. Attach the file to the case again.</source>
        <translation>附件 {name}（{sha}）已记录在案件中，但本柜台上找不到它的文件，因此无法发送。请重新把该文件添加到案件中。</translation>
    </message>
    <message>
        <source>The attachment {name} ({sha}) is larger than {limit} MB and was not sent.</source>
        <translation>附件 {name}（{sha}）大于 {limit} MB，未发送。</translation>
    </message>
    <message>
        <source>The attachment file {name} ({sha}) on this counter no longer matches its SHA-256 (it is damaged) and was not sent. Attach the original file to the case again.</source>
        <translation>本柜台上的附件文件 {name}（{sha}）与其 SHA-256 不再一致（文件已损坏），未发送。请把原始文件重新添加到案件中。</translation>
    </message>
    <message>
        <source>The attachment {name} ({sha}) can&apos;t be read on this counter ({error}) and was not sent.</source>
        <translation>本柜台无法读取附件 {name}（{sha}）（{error}），未发送。</translation>
    </message>
    <message>
        <source>Head office refused the attachment {name} ({sha}): {reason}</source>
        <translation>总部拒收了附件 {name}（{sha}）：{reason}</translation>
    </message>
    <message>
        <source>The attachment {name} ({sha}) from head office is larger than {limit} MB and was not kept.</source>
        <translation>来自总部的附件 {name}（{sha}）大于 {limit} MB，未保存。</translation>
    </message>
    <message>
        <source>The attachment {name} ({sha}) is not at head office yet (the counter that added it has not sent it); it is fetched on a later sync.</source>
        <translation>附件 {name}（{sha}）尚未到达总部（添加它的柜台还没有发送）；之后同步时会再获取。</translation>
    </message>
    <message>
        <source>Head office refused the attachment {name} ({sha}) to this counter: it is not on a case of this dealer.</source>
        <translation>总部拒绝向本柜台提供附件 {name}（{sha}）：它不属于本经销商的案件。</translation>
    </message>
    <message>
        <source>The attachment {name} ({sha}) could not be fetched from head office (HTTP {status}); it is tried again on the next sync.</source>
        <translation>无法从总部获取附件 {name}（{sha}）（HTTP {status}）；下次同步时会重试。</translation>
    </message>
    <message>
        <source>The attachment {name} ({sha}) from head office did not match its SHA-256; it was not kept and is fetched again on the next sync.</source>
        <translation>来自总部的附件 {name}（{sha}）与其 SHA-256 不一致；未保存，下次同步时会重新获取。</translation>
    </message>
    <message>
        <source>The script pack {name} version {version} from head office was refused: its checksum does not match what head office published (damaged or tampered with on the way). Still in use: {active}.</source>
        <translation>来自总部的话术包 {name} 版本 {version} 被拒绝：校验和与总部发布的不一致（传输中损坏或被篡改）。仍在使用：{active}。</translation>
    </message>
    <message>
        <source>The script pack {name} version {version} from head office was refused: it is not newer than the pack in use ({active}), which stays in use.</source>
        <translation>来自总部的话术包 {name} 版本 {version} 被拒绝：它并不比正在使用的话术包（{active}）新，继续使用原话术包。</translation>
    </message>
    <message>
        <source>The script pack {name} version {version} from head office was refused: {problems}. Still in use: {active}.</source>
        <translation>来自总部的话术包 {name} 版本 {version} 被拒绝：{problems}。仍在使用：{active}。</translation>
    </message>
    <message>
        <source>The attachment {name} ({sha}) is missing or damaged on this counter and was not exported. Attach the file to the case again.</source>
        <translation>本柜台上的附件 {name}（{sha}）缺失或已损坏，未导出。请把该文件重新添加到案件中。</translation>
    </message>
    <message>
        <source>Head office refused the enrolment: {reason}</source>
        <translation>总部拒绝了接入：{reason}</translation>
    </message>
    <message>
        <source>a web address starting with https:// (or http:// inside the dealer network), e.g. https://hq.example.com</source>
        <translation>以 https:// 开头的网址（经销商内网可用 http://），例如 https://hq.example.com</translation>
    </message>
    <message>
        <source>the 12-character code head office gave you, e.g. ABCD-EFGH-JKMN</source>
        <translation>总部给您的 12 位接入码，例如 ABCD-EFGH-JKMN</translation>
    </message>
    <message>
        <source>it is larger than the {limit} MB head office accepts</source>
        <translation>它大于总部接受的 {limit} MB</translation>
    </message>
    <message>
        <source>its bytes do not match the SHA-256 it was sent under</source>
        <translation>其内容与发送时所用的 SHA-256 不一致</translation>
    </message>
    <message>
        <source>{table} {id} names dealer {named}, not this counter&apos;s dealer. A counter sends only its own dealer&apos;s data.</source>
        <translation>{table} {id} 标明的经销商是 {named}，不是本柜台的经销商。柜台只能发送本经销商的数据。</translation>
    </message>
    <message>
        <source>{table} {id} is stored at head office for another dealer ({where}). A counter can&apos;t change another dealer&apos;s data.</source>
        <translation>{table} {id} 在总部属于另一家经销商（{where}）。柜台不能修改其他经销商的数据。</translation>
    </message>
    <message>
        <source>The history of {table} {id} at head office belongs to another dealer. A counter can&apos;t add to it.</source>
        <translation>{table} {id} 在总部的历史记录属于另一家经销商，柜台不能在其上追加。</translation>
    </message>
    <message>
        <source>{table} {id} points at {target} {target_id} ({column}), which belongs to another dealer or was refused.</source>
        <translation>{table} {id} 指向{target} {target_id}（{column}），该记录属于另一家经销商或已被拒收。</translation>
    </message>
    <message>
        <source>{table} {id}: a change names {target} {target_id}, which belongs to another dealer. A counter&apos;s changes name only its own dealer&apos;s data.</source>
        <translation>{table} {id}：该变更引用了属于其他经销商的{target} {target_id}。前台的变更只能引用本经销商的数据。</translation>
    </message>
    <message>
        <source>{table} {id} names the attachment {sha}, whose file this dealer&apos;s counters never delivered to head office. Attach the file again at the counter; it is sent with the change.</source>
        <translation>{table} {id} 引用了附件 {sha}，但本经销商的前台从未把该文件交给总部。请在前台重新添加附件，它会随变更一起发送。</translation>
    </message>
    <message>
        <source>{table} {id}: a counter&apos;s audit trail is written only by that counter. A counter can&apos;t add to another&apos;s.</source>
        <translation>{table} {id}：前台的审计记录只能由该前台写入。一个前台不能向另一个前台的审计记录添加内容。</translation>
    </message>
    <message>
        <source>{table} {id}: the change at version {seq} is built on version {base}, which head office does not have (it was refused, or it is in a case file of the counter head office has not taken in yet). Send the earlier change again together with this one.</source>
        <translation>{table} {id}：第 {seq} 版的修改基于第 {base} 版，而总部没有该版本（它已被拒收，或在总部尚未收到的该柜台案例文件中）。请将之前的修改与本次修改一起重新发送。</translation>
    </message>
    <message>
        <source>{table} {id} can&apos;t be stored at head office ({reason}). Correct it at the counter; it is sent again with the correction.</source>
        <translation>{table} {id} 无法保存到总部（{reason}）。请在柜台更正，更正后会随之重新发送。</translation>
    </message>
    <message>
        <source>at most {limit} characters, this is {length}; shorten it</source>
        <translation>最多 {limit} 个字符，现为 {length} 个；请缩短</translation>
    </message>
    <message>
        <source>contains a control or invisible character (U+{code}) at position {position}; remove it</source>
        <translation>第 {position} 个字符是控制字符或不可见字符（U+{code}）；请删除</translation>
    </message>
    <message>
        <source>must be on one line; remove the line break at position {position}</source>
        <translation>只能写一行；请删除第 {position} 个字符处的换行</translation>
    </message>
    <message>
        <source>{table} {id}: {column} is {length} characters long, more than the {limit} allowed. Correct it at the counter; it is sent again with the correction.</source>
        <translation>{table} {id}：{column} 长 {length} 个字符，超过允许的 {limit} 个。请在柜台更正，更正后会随之重新发送。</translation>
    </message>
    <message>
        <source>{table} {id}: {column} contains a control or invisible character (U+{code}) at position {position}. Correct it at the counter; it is sent again with the correction.</source>
        <translation>{table} {id}：{column} 的第 {position} 个字符是控制字符或不可见字符（U+{code}）。请在柜台更正，更正后会随之重新发送。</translation>
    </message>
    <message>
        <source>{file}: pack {label} is not newer than the pack in use ({active}); the pack in use stays in use.</source>
        <translation>{file}：话术包 {label} 并不比正在使用的话术包（{active}）新；继续使用原话术包。</translation>
    </message>
    <message>
        <source>Dealer {dealer} has no feedback forms or cases in this store. Give one of the dealers it holds with --dealer CODE:</source>
        <translation>本数据库中没有经销商 {dealer} 的反馈表或案件。请用 --dealer 代码 指定其中已有的经销商：</translation>
    </message>
    <message>
        <source>  {code} {name}: {forms} forms, {cases} cases</source>
        <translation>  {code} {name}：{forms} 份反馈表，{cases} 个案件</translation>
    </message>
    <message>
        <source>Dealer &quot;{dealer}&quot; is not in this store. Give one of the dealers it holds with --dealer CODE:</source>
        <translation>本数据库中没有经销商“{dealer}”。请用 --dealer 代码 指定其中已有的经销商：</translation>
    </message>
    <message>
        <source>Dealer &quot;{dealer}&quot; is not in this store, which holds no feedback forms or cases yet.</source>
        <translation>本数据库中没有经销商“{dealer}”，且尚无任何反馈表或案件。</translation>
    </message>
    <message>
        <source>write the version as numbers with dots, e.g. 1.2.0</source>
        <translation>版本号请写成以点分隔的数字，例如 1.2.0</translation>
    </message>
    <message>
        <source>say which computers the file is for: windows (the setup .exe) or linux (the .deb)</source>
        <translation>请说明该文件适用于哪类电脑：windows（安装程序 .exe）或 linux（.deb 包）</translation>
    </message>
    <message>
        <source>larger than 512 MB</source>
        <translation>超过 512 MB</translation>
    </message>
    <message>
        <source>the file is empty: give the installer itself</source>
        <translation>文件为空：请给出安装程序本身</translation>
    </message>
    <message>
        <source>version {version} is not newer than the last release published for {platform}; counters would refuse it</source>
        <translation>版本 {version} 并不比上次为 {platform} 发布的版本新；前台会拒收</translation>
    </message>
    <message>
        <source>required at head office</source>
        <translation>在总部必须指定</translation>
    </message>
    <message>
        <source>The program update {version} from head office was refused: its description is damaged or not Recovery Desk&apos;s. The program in use stays as it is.</source>
        <translation>总部发来的程序更新 {version} 已被拒收：其说明信息已损坏或不属于服务补救台。当前程序保持不变。</translation>
    </message>
    <message>
        <source>The program update {version} from head office was refused: it is not newer than the version in use ({running}), which stays as it is.</source>
        <translation>总部发来的程序更新 {version} 已被拒收：它并不比正在使用的版本（{running}）新，当前程序保持不变。</translation>
    </message>
    <message>
        <source>The program update {version} could not be fetched from head office (HTTP {status}). Ask head office to publish it again.</source>
        <translation>无法从总部下载程序更新 {version}（HTTP {status}）。请联系总部重新发布。</translation>
    </message>
    <message>
        <source>The program update {version} from head office was refused: its file does not match the SHA-256 head office signed (damaged or tampered with). It was deleted; the program in use stays as it is.</source>
        <translation>总部发来的程序更新 {version} 已被拒收：文件与总部签名的 SHA-256 不符（已损坏或被篡改）。该文件已删除，当前程序保持不变。</translation>
    </message>
    <message>
        <source>{path} is not a Recovery Desk backup ({reason}). Choose a file the program made (backup-....zip).</source>
        <translation>{path} 不是服务补救台的备份（{reason}）。请选择本程序生成的文件（backup-....zip）。</translation>
    </message>
    <message>
        <source>it is not a .zip file</source>
        <translation>它不是 .zip 文件</translation>
    </message>
    <message>
        <source>its list of contents is missing or damaged</source>
        <translation>其内容清单缺失或已损坏</translation>
    </message>
    <message>
        <source>the .zip file is damaged or was not copied whole</source>
        <translation>该 .zip 文件已损坏或未完整复制</translation>
    </message>
    <message>
        <source>The store in {path} failed its integrity check ({detail}). Nothing was changed. Use another backup.</source>
        <translation>{path} 中的数据未通过完整性检查（{detail}）。未做任何更改。请使用其他备份。</translation>
    </message>
    <message>
        <source>its database is damaged</source>
        <translation>其数据库已损坏</translation>
    </message>
    <message>
        <source>its database is damaged or is no database at all</source>
        <translation>其数据库已损坏，或根本不是数据库</translation>
    </message>
    <message>
        <source>it holds no store&apos;s tables</source>
        <translation>其中没有服务补救台数据的表</translation>
    </message>
    <message>
        <source>{count} change(s) made on this counter have not reached head office yet and are not in this backup: after restoring it they would no longer be on this counter (the backup of the current store taken before restoring keeps them). Sync first, or confirm to restore anyway (command line: --force).</source>
        <translation>本柜台有 {count} 项更改尚未送达总部，且不在此备份中：恢复后本柜台将不再有这些更改（恢复前对当前数据所做的备份会保留它们）。请先同步，或确认仍要恢复（命令行：--force）。</translation>
    </message>
    <message>
        <source>The store in {path} is in use by another program (Recovery Desk still open on this PC?). Close it and restore again; nothing was changed.</source>
        <translation>{path} 中的数据正被其他程序使用（本机的服务补救台还开着？）。请关闭后再恢复；未做任何更改。</translation>
    </message>
    <message>
        <source>The current store could not be backed up before restoring ({reason}), so nothing was changed. Restore anyway with --force (command line).</source>
        <translation>恢复前无法备份当前数据（{reason}），因此未做任何更改。如仍要恢复，请使用 --force（命令行）。</translation>
    </message>
    <message>
        <source>it is damaged</source>
        <translation>它已损坏</translation>
    </message>
    <message>
        <source>The backup could not be written to {path}: {reason}. The store itself is unchanged. Free some space or choose another folder, then try again.</source>
        <translation>无法将备份写入 {path}：{reason}。数据本身未改变。请腾出空间或选择其他文件夹后重试。</translation>
    </message>
    <message>
        <source>The request is more than the {limit} bytes this address accepts.</source>
        <translation>请求超过此地址接受的 {limit} 字节。</translation>
    </message>
    <message>
        <source>{where} holds a character no database can store (U+{char}) at position {position}.</source>
        <translation>{where} 第 {position} 个位置含有数据库无法保存的字符（U+{char}）。</translation>
    </message>
    <message>
        <source>{where} holds the number {number}, outside the range a database column holds ({low} to {high}).</source>
        <translation>{where} 含有数字 {number}，超出数据库字段可保存的范围（{low} 至 {high}）。</translation>
    </message>
    <message>
        <source>{where} is nested more than {limit} levels deep.</source>
        <translation>{where} 嵌套超过 {limit} 层。</translation>
    </message>
    <message>
        <source>{where} holds {number}, which is not a number JSON allows.</source>
        <translation>{where} 含有 {number}，这不是 JSON 允许的数字。</translation>
    </message>
    <message>
        <source>a value</source>
        <translation>某个值</translation>
    </message>
    <message>
        <source>the document</source>
        <translation>整个文件</translation>
    </message>
    <message>
        <source>A file from head office (number {n}) names {what} {id} of another dealer; nothing of it was applied.</source>
        <translation>来自总部的文件（编号 {n}）引用了其他经销商的{what} {id}；其中内容均未应用。</translation>
    </message>
    <message>
        <source>A file from head office (number {n}) is not a case file this counter reads ({reason}); nothing of it was applied.</source>
        <translation>来自总部的文件（编号 {n}）不是本前台能读取的案例文件（{reason}）；其中内容均未应用。</translation>
    </message>
    <message>
        <source>A file from head office (number {n}) holds a value this counter can&apos;t store ({reason}); nothing of it was applied.</source>
        <translation>来自总部的文件（编号 {n}）含有本前台无法保存的值（{reason}）；其中内容均未应用。</translation>
    </message>
    <message>
        <source>head office&apos;s answer holds no text for it</source>
        <translation>总部的答复中没有它的内容</translation>
    </message>
    <message>
        <source>{where} should be {want}</source>
        <translation>{where} 应为 {want}</translation>
    </message>
    <message>
        <source>its text can&apos;t be read</source>
        <translation>无法读取其内容</translation>
    </message>
    <message>
        <source>{name} may not do this: it needs a {needed} or an administrator, and {name} is a {role}. Nothing was changed.</source>
        <translation>{name} 无权执行此操作：需要{needed}或管理员，而 {name} 是{role}。未做任何更改。</translation>
    </message>
    <message>
        <source>{name} may not do this: it needs an administrator, and {name} is a {role}. Nothing was changed.</source>
        <translation>{name} 无权执行此操作：需要管理员，而 {name} 是{role}。未做任何更改。</translation>
    </message>
    <message>
        <source>not a phone number: an 11-digit mobile (13812345678) or a landline with area code (010-62345678, extension after {ext})</source>
        <translation>电话号码无效：应为 11 位手机号或带区号的座机（如 010-62345678，分机写在“{ext}”后）</translation>
    </message>
    <message>
        <source>not a plate: province, letter and 5 characters ({regular}; new energy 6: {new_energy}), or tick &quot;Plate unknown&quot;</source>
        <translation>车牌无效：省份+字母+5 位（如 {regular}，新能源 6 位如 {new_energy}）；不知道请勾选“车牌不详”</translation>
    </message>
    <message>
        <source>contains a direction override (U+{code}) at position {position} that makes it read differently from what is stored; remove it</source>
        <translation>第 {position} 个字符是文字方向控制符（U+{code}），会让显示的内容与保存的不同；请删除</translation>
    </message>
    <message>
        <source>{date} is after today ({today}); a service date can&apos;t be in the future</source>
        <translation>{date} 晚于今天（{today}）；服务日期不能在将来</translation>
    </message>
    <message>
        <source>{date} is before repair order {ro} was opened ({opened}); check the date</source>
        <translation>{date} 早于工单 {ro} 的开单日期（{opened}）；请检查日期</translation>
    </message>
    <message>
        <source>Too many wrong PINs in a row for {username}: the next try has to wait {seconds} s (until {until}). An administrator can lift the wait under Settings.</source>
        <translation>{username} 连续输错 PIN 次数过多：下次尝试需等待 {seconds} 秒（至 {until}）。管理员可在“设置”中解除等待。</translation>
    </message>
    <message>
        <source>only an administrator lifts a sign-in wait</source>
        <translation>只有管理员可以解除登录等待</translation>
    </message>
    <message>
        <source>only a supervisor can acknowledge early warnings</source>
        <translation>只有主管可以确认预警</translation>
    </message>
    <message>
        <source>no such early warning at this dealer; refresh the list</source>
        <translation>本经销商没有这条预警；请刷新列表</translation>
    </message>
    <message>
        <source>only a supervisor can raise an improvement action</source>
        <translation>只有主管可以提出改进措施</translation>
    </message>
    <message>
        <source>say what will be changed, e.g. the case&apos;s improvement</source>
        <translation>请说明将改变什么，例如该案件的改进建议</translation>
    </message>
    <message>
        <source>choose at least one dealer</source>
        <translation>请至少选择一家经销商</translation>
    </message>
    <message>
        <source>the due date must be after today: the figure is judged from that day on</source>
        <translation>到期日必须晚于今天：指标从该日起评估</translation>
    </message>
    <message>
        <source>no such case at this dealer</source>
        <translation>本经销商没有这个案件</translation>
    </message>
    <message>
        <source>only a closed case with a root cause can become an improvement action</source>
        <translation>只有已结案且填写了根本原因的案件才能转为改进措施</translation>
    </message>
    <message>
        <source>the figure is a cause group or one of the items timeliness, repair_quality, attitude</source>
        <translation>指标须为原因类别，或评价项 timeliness、repair_quality、attitude 之一</translation>
    </message>
    <message>
        <source>the owner is a role (advisor, supervisor, admin) or a person of each dealer by user name</source>
        <translation>负责人须为一个角色（advisor、supervisor、admin）或各经销商按用户名指定的人员</translation>
    </message>
    <message>
        <source>an owner is named for {codes}, not among the dealers chosen</source>
        <translation>为 {codes} 指定了负责人，但它们不在所选经销商之中</translation>
    </message>
    <message>
        <source>no such dealer at head office: {codes}; check the codes (a new dealer is registered with hq dealer add)</source>
        <translation>总部没有这些经销商：{codes}；请检查代码（新经销商用 hq dealer add 登记）</translation>
    </message>
    <message>
        <source>the owner must be one of the dealer&apos;s people</source>
        <translation>负责人必须是本经销商的人员</translation>
    </message>
    <message>
        <source>no such improvement action at this dealer</source>
        <translation>本经销商没有这项改进措施</translation>
    </message>
    <message>
        <source>only its owner or a supervisor can complete an improvement action</source>
        <translation>只有负责人或主管可以完成改进措施</translation>
    </message>
    <message>
        <source>only an escalated case can be taken over; this one is not escalated</source>
        <translation>只能接管已升级的案例；这个案例没有升级</translation>
    </message>
    <message>
        <source>head office has already taken this case over</source>
        <translation>总部已经接管了这个案例</translation>
    </message>
    <message>
        <source>head office allows at most {ceiling} yuan; type {ceiling} or less</source>
        <translation>总部规定最多 {ceiling} 元；请输入 {ceiling} 或更少</translation>
    </message>
    <message>
        <source>more than a supervisor&apos;s limit ({limit} yuan), who approves above it; type {limit} or less, or raise that limit first</source>
        <translation>超过了监督员的权限（{limit} 元），超出部分由监督员审批；请输入 {limit} 或更少，或先提高该权限</translation>
    </message>
    <message>
        <source>more than an administrator&apos;s limit ({limit} yuan); type {limit} or less, or raise that limit first</source>
        <translation>超过了管理员的权限（{limit} 元）；请输入 {limit} 或更少，或先提高该权限</translation>
    </message>
    <message>
        <source>less than an advisor&apos;s limit ({limit} yuan): a supervisor approves above it; type {limit} or more</source>
        <translation>低于服务顾问的权限（{limit} 元）：超出顾问权限的由监督员审批；请输入 {limit} 或更多</translation>
    </message>
    <message>
        <source>less than a supervisor&apos;s limit ({limit} yuan); type {limit} or more</source>
        <translation>低于监督员的权限（{limit} 元）；请输入 {limit} 或更多</translation>
    </message>
    <message>
        <source>Repair order {ro} is already on line {first}. Remove one of the two lines.</source>
        <translation>工单 {ro} 已在第 {first} 行出现。请删除其中一行。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a time; write it as YYYY-MM-DD HH:MM, e.g. 2026-05-18 14:30.</source>
        <translation>“{value}”不是时间；请写成 YYYY-MM-DD HH:MM，例如 2026-05-18 14:30。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is after now; an order can&apos;t be opened or delivered in the future.</source>
        <translation>“{value}”晚于当前时间；工单不能在将来开单或交车。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is before the order was opened ({opened}); check the time.</source>
        <translation>“{value}”早于开单时间（{opened}）；请核对时间。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a VIN: 17 letters and digits, without I, O or Q. Correct it or leave it empty.</source>
        <translation>“{value}”不是车架号（VIN）：应为 17 位字母和数字，不含 I、O、Q。请更正或留空。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not an amount; write yuan with at most two decimals, e.g. 1280.50, or leave it empty.</source>
        <translation>“{value}”不是金额；请以元为单位，最多两位小数，例如 1280.50，或留空。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a mileage; write whole kilometres from 0 to 2000000, or leave it empty.</source>
        <translation>“{value}”不是里程；请写 0 到 2000000 之间的整公里数，或留空。</translation>
    </message>
    <message>
        <source>this repair order is already stored; its details change when the management system&apos;s file is imported</source>
        <translation>该维修工单已存在；其信息在导入管理系统文件时更新</translation>
    </message>
    <message>
        <source>choose two different records of the customer: the one to keep and the one to merge into it</source>
        <translation>请选择客户的两条不同记录：一条保留，另一条并入</translation>
    </message>
    <message>
        <source>only a supervisor or an administrator merges customers</source>
        <translation>只有监督员或管理员可以合并客户</translation>
    </message>
    <message>
        <source>only an administrator anonymises customers</source>
        <translation>只有管理员可以匿名化客户</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>维修工单</translation>
    </message>
    <message>
        <source>Sent again; head office answers on the next sync. Its last answer: {reason}</source>
        <translation>已重新发送；总部将在下次同步时答复。总部上次的答复：{reason}</translation>
    </message>
    <message>
        <source>Refused again ({times} times): sending it again unchanged does not help. Correct what head office names at the counter and it goes out with the correction. {reason}</source>
        <translation>再次被拒收（共 {times} 次）：不作更正重新发送无济于事。请在柜台更正总部指出的内容，它会随更正一起发送。{reason}</translation>
    </message>
    <message>
        <source>Head office has not received file(s) {missing} of counter {counter} of dealer {dealer}, which come before this one (imported now, its changes built on them would be refused for good). Bring the counter&apos;s files {missing} (they are in the counter&apos;s outbox folder, or write them again there with `recovery-desk export --out FOLDER`) and import them, then this file again.</source>
        <translation>总部尚未收到经销商 {dealer} 的柜台 {counter} 的第 {missing} 号文件，它们在本文件之前（现在导入的话，本文件中基于它们的更改将被永久拒收）。请带来该柜台的第 {missing} 号文件（它们在该柜台的 outbox 文件夹中，也可以在该柜台上用 `recovery-desk export --out FOLDER` 重新生成），先导入它们，再导入本文件。</translation>
    </message>
    <message>
        <source>{refusal} It was left where it is: it could not be moved into the folder &quot;{folder}&quot; beside it ({reason}).</source>
        <translation>{refusal}文件留在原处：无法移入旁边的“{folder}”文件夹（{reason}）。</translation>
    </message>
    <message>
        <source>it is a folder, a device or a pipe, not a file</source>
        <translation>它是文件夹、设备或管道，不是文件</translation>
    </message>
    <message>
        <source>it is not there (moved or deleted meanwhile, or a link to nothing)</source>
        <translation>它不存在（期间已被移动或删除，或是指向空处的链接）</translation>
    </message>
    <message>
        <source>this user account may not read or change it; check its permissions</source>
        <translation>此用户帐户无权读取或更改它；请检查其权限</translation>
    </message>
    <message>
        <source>the drive is write-protected</source>
        <translation>该驱动器有写保护</translation>
    </message>
    <message>
        <source>a file of that name is in the way</source>
        <translation>已有同名文件占用该名称</translation>
    </message>
    <message>
        <source>the system said: {reason}</source>
        <translation>系统提示：{reason}</translation>
    </message>
    <message>
        <source>The file can&apos;t be read: {why}.</source>
        <translation>无法读取该文件：{why}。</translation>
    </message>
    <message>
        <source>it holds no list of contents and store</source>
        <translation>其中没有内容清单和数据</translation>
    </message>
    <message>
        <source>its manifest is not a table of values</source>
        <translation>其内容清单不是键值表</translation>
    </message>
    <message>
        <source>its manifest&apos;s {name} is not a whole number</source>
        <translation>其内容清单中的 {name} 不是整数</translation>
    </message>
    <message>
        <source>its manifest&apos;s {name} is not text</source>
        <translation>其内容清单中的 {name} 不是文本</translation>
    </message>
    <message>
        <source>its manifest&apos;s case_numbers are not numbers</source>
        <translation>其内容清单中的 case_numbers 不是数字</translation>
    </message>
    <message>
        <source>its manifest lacks {names}</source>
        <translation>其内容清单缺少 {names}</translation>
    </message>
    <message>
        <source>its manifest&apos;s created_at is not a time: {value}</source>
        <translation>其内容清单中的 created_at 不是时间：{value}</translation>
    </message>
    <message>
        <source>expected a whole number, got {value}</source>
        <translation>应为整数，实际为 {value}</translation>
    </message>
    <message>
        <source>expected a number, got {value}</source>
        <translation>应为数字，实际为 {value}</translation>
    </message>
    <message>
        <source>expected text, got {value}</source>
        <translation>应为文本，实际为 {value}</translation>
    </message>
    <message>
        <source>expected yes or no, got {value}</source>
        <translation>应为 yes 或 no，实际为 {value}</translation>
    </message>
    <message>
        <source>must be at least {minimum}, got {value}</source>
        <translation>不能小于 {minimum}，实际为 {value}</translation>
    </message>
    <message>
        <source>must be at most {maximum}, got {value}</source>
        <translation>不能大于 {maximum}，实际为 {value}</translation>
    </message>
    <message>
        <source>must be one of {choices}, got {value}</source>
        <translation>必须是 {choices} 之一，实际为 {value}</translation>
    </message>
    <message>
        <source>the cell holds the spreadsheet error {error}, not a value; correct the formula in Excel or type the value in the cell, then import again.</source>
        <translation>该单元格中是电子表格错误 {error}，不是一个值；请在 Excel 中更正公式，或在单元格中直接输入值，然后重新导入。</translation>
    </message>
    <message>
        <source>a person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>a customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>a vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>a repair order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>a feedback form</source>
        <translation>反馈表</translation>
    </message>
    <message>
        <source>a case</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>a remedy</source>
        <translation>补救措施</translation>
    </message>
    <message>
        <source>a callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>an attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>a verification call</source>
        <translation>核实回访</translation>
    </message>
    <message>
        <source>an alert</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>an early warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>an improvement action</source>
        <translation>改进措施</translation>
    </message>
    <message>
        <source>an improvement action of head office</source>
        <translation>总部的改进措施</translation>
    </message>
    <message>
        <source>a change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>a record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Found through</source>
        <translation>发现渠道</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>服务顾问</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Service date</source>
        <translation>服务日期</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>维修工单号</translation>
    </message>
    <message>
        <source>Timeliness</source>
        <translation>服务及时性</translation>
    </message>
    <message>
        <source>Repair quality</source>
        <translation>维修质量</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Overall score</source>
        <translation>总体满意度</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>核实</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
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
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Feedback forms</source>
        <translation>意见反馈表</translation>
    </message>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
</context>
<context>
    <name>ExportRun</name>
    <message>
        <source>Save as an Excel workbook</source>
        <translation>保存为 Excel 工作簿</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing {file}...</source>
        <translation>正在写入 {file}...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Saved {n} rows to {file}.</source>
        <translation>已将 {n} 行保存到 {file}。</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>已取消：未写入任何文件。</translation>
    </message>
    <message>
        <source>The workbook was not saved: {error}</source>
        <translation>工作簿未保存：{error}</translation>
    </message>
</context>
<context>
    <name>FeedbackFormView</name>
    <message>
        <source>Feedback form</source>
        <translation>意见反馈表</translation>
    </message>
    <message>
        <source>e.g. RO2611-0042</source>
        <translation>例如 RO2611-0042</translation>
    </message>
    <message>
        <source>&amp;Open stored form</source>
        <translation>打开已存反馈表(&amp;O)</translation>
    </message>
    <message>
        <source>Open the form already stored for this repair order, to correct it</source>
        <translation>打开该工单已保存的反馈表以便更正</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Service date</source>
        <translation>服务日期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>e.g. 13812345678 or 010-62345678</source>
        <translation>例如 13812345678 或 010-62345678</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>Timeliness</source>
        <translation>服务及时性</translation>
    </message>
    <message>
        <source>Repair quality</source>
        <translation>维修质量</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Overall score (1-10)</source>
        <translation>总体评分（1-10）</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>未询问</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>核实状态</translation>
    </message>
    <message>
        <source>Only a supervisor can change verification</source>
        <translation>只有主管可以修改核实状态</translation>
    </message>
    <message>
        <source>Save form</source>
        <translation>保存反馈表</translation>
    </message>
    <message>
        <source>New form</source>
        <translation>新反馈表</translation>
    </message>
    <message>
        <source>Open a recovery case from this form</source>
        <translation>根据此反馈表建立补救案例</translation>
    </message>
    <message>
        <source>Import from Excel or CSV...</source>
        <translation>从 Excel 或 CSV 导入...</translation>
    </message>
    <message>
        <source>Export to Excel...</source>
        <translation>导出到 Excel...</translation>
    </message>
    <message>
        <source>Import repair orders...</source>
        <translation>导入维修工单...</translation>
    </message>
    <message>
        <source>Add a repair order...</source>
        <translation>手工添加工单...</translation>
    </message>
    <message>
        <source>A form you had not saved was kept ({when}, repair order {ro}). Restore it?</source>
        <translation>有一张未保存的反馈表已保留（{when}，工单 {ro}）。要恢复吗？</translation>
    </message>
    <message>
        <source>The form for repair order {ro} is not saved. Discard what was typed and start a new form?</source>
        <translation>工单 {ro} 的反馈表尚未保存。要放弃已输入的内容并开始新表吗？</translation>
    </message>
    <message>
        <source>The changes to the form for repair order {ro} are not saved. Discard them and start a new form?</source>
        <translation>对工单 {ro} 反馈表的修改尚未保存。要放弃这些修改并开始新表吗？</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Form for {ro} saved. It is a service failure: supervisors have been alerted.</source>
        <translation>工单 {ro} 的反馈表已保存。这是一次服务失败，已提醒主管。</translation>
    </message>
    <message>
        <source>Form for {ro} saved.</source>
        <translation>工单 {ro} 的反馈表已保存。</translation>
    </message>
    <message>
        <source>no form is stored for this repair order yet</source>
        <translation>该工单还没有保存反馈表</translation>
    </message>
    <message>
        <source>{when} {who} corrected: {change}</source>
        <translation>{when} {who} 更正：{change}</translation>
    </message>
    <message>
        <source>{when} {who} entered the form</source>
        <translation>{when} {who} 录入了反馈表</translation>
    </message>
    <message>
        <source>Case {number} opened from the form.</source>
        <translation>已根据反馈表建立案例 {number}。</translation>
    </message>
</context>
<context>
    <name>FeedbackImportDialog</name>
    <message>
        <source>Import feedback forms</source>
        <translation>导入意见反馈表</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx) or a CSV file</source>
        <translation>Excel 工作簿 (.xlsx) 或 CSV 文件</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>选择...</translation>
    </message>
    <message>
        <source>Read the file</source>
        <translation>读取文件</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Use these columns</source>
        <translation>使用这些列</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* 必填</translation>
    </message>
    <message>
        <source>Line</source>
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
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Change which column is which...</source>
        <translation>更改列的对应关系...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose the file of feedback forms</source>
        <translation>选择意见反馈表文件</translation>
    </message>
    <message>
        <source>Workbooks and CSV (*.xlsx *.xlsm *.xls *.csv *.txt);;All files (*)</source>
        <translation>工作簿和 CSV (*.xlsx *.xlsm *.xls *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <source>Reading {file}...</source>
        <translation>正在读取 {file}...</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：未导入任何内容。</translation>
    </message>
    <message>
        <source>(not in this file)</source>
        <translation>（此文件中没有）</translation>
    </message>
    <message>
        <source>column {n}</source>
        <translation>第 {n} 列</translation>
    </message>
    <message>
        <source>Some columns of {file} were not recognised ({missing}). Say which of its columns holds each part of a form; the choice is remembered for the next file with the same columns.</source>
        <translation>{file} 中有些列无法识别（{missing}）。请指明反馈表的每一项在哪一列；下次导入列相同的文件时会沿用此选择。</translation>
    </message>
    <message>
        <source>Say which of the file&apos;s columns holds each part of a form.</source>
        <translation>请指明反馈表的每一项在文件的哪一列。</translation>
    </message>
    <message>
        <source>{rows} rows read, {problems} problems. Nothing will be imported until every problem is fixed: fix the file, then read it again.</source>
        <translation>已读取 {rows} 行，发现 {problems} 个问题。所有问题改正之前不会导入任何内容：请修改文件后重新读取。</translation>
    </message>
    <message>
        <source>{rows} rows read, no problems. The first rows are shown as they will be stored.</source>
        <translation>已读取 {rows} 行，没有问题。下面按保存后的样子显示前几行。</translation>
    </message>
    <message>
        <source>Import these forms ({n})</source>
        <translation>导入这些反馈表（{n} 份）</translation>
    </message>
    <message>
        <source>Problems: {n}</source>
        <translation>问题：{n} 个</translation>
    </message>
    <message>
        <source> (the first {shown} shown)</source>
        <translation>（显示前 {shown} 个）</translation>
    </message>
    <message>
        <source>Importing {n} forms...</source>
        <translation>正在导入 {n} 份反馈表...</translation>
    </message>
    <message>
        <source>Imported {imported} forms from {file}; {same} were already stored.</source>
        <translation>已从 {file} 导入 {imported} 份反馈表；{same} 份已存在。</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>正在取消...</translation>
    </message>
</context>
<context>
    <name>FormsBehind</name>
    <message>
        <source>Double-click a dealer&apos;s average or failure share on the Network page to see its forms here.</source>
        <translation>在网络概览页双击经销商的平均分或失败占比，即在此查看其反馈表。</translation>
    </message>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Service date</source>
        <translation>服务日期</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>顾问</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Timeliness</source>
        <translation>服务及时性</translation>
    </message>
    <message>
        <source>Repair quality</source>
        <translation>维修质量</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>核实</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source> (the first {shown} shown)</source>
        <translation>（显示前 {shown} 份）</translation>
    </message>
    <message>
        <source>{what}: {forms}</source>
        <translation>{what}：{forms}</translation>
    </message>
    <message numerus="yes">
        <source>%n forms</source>
        <translation>
            <numerusform>%n 份反馈表</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormsExportDialog</name>
    <message>
        <source>Export feedback forms to Excel</source>
        <translation>将意见反馈表导出到 Excel</translation>
    </message>
    <message>
        <source>Service date from</source>
        <translation>服务日期从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Phones are written whole for supervisors and administrators, masked for others.</source>
        <translation>主管和管理员导出完整电话号码，其他人导出的电话号码会部分隐藏。</translation>
    </message>
    <message>
        <source>Save as...</source>
        <translation>另存为...</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>feedback-forms.xlsx</source>
        <translation>意见反馈表.xlsx</translation>
    </message>
    <message>
        <source>The first date is after the last; choose them again.</source>
        <translation>开始日期晚于结束日期；请重新选择。</translation>
    </message>
</context>
<context>
    <name>FullList</name>
    <message>
        <source>Filter: repair order, customer or grades</source>
        <translation>筛选：工单、客户或评级</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{shown} of {n} shown</source>
        <translation>显示 {shown} / 共 {n} 条</translation>
    </message>
</context>
<context>
    <name>Glance</name>
    <message>
        <source>{n} callbacks due by tonight</source>
        <translation>今晚前到期的回访 {n} 个</translation>
    </message>
    <message>
        <source>{n} remedies waiting for your approval</source>
        <translation>待您审批的补偿 {n} 项</translation>
    </message>
    <message>
        <source>{n} open alerts on Today</source>
        <translation>今日页上未处理的提醒 {n} 条</translation>
    </message>
</context>
<context>
    <name>HqParts</name>
    <message>
        <source>{value} pt</source>
        <translation>{value} 个百分点</translation>
    </message>
</context>
<context>
    <name>HqWindow</name>
    <message>
        <source>Recovery Desk - head office</source>
        <translation>服务补救台 - 总部</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络概览</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Early warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Conflicts ({n})</source>
        <translation>冲突（{n}）</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>Service date</source>
        <translation>服务日期</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>维修工单号</translation>
    </message>
    <message>
        <source>Service advisor</source>
        <translation>服务顾问</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Timeliness (A-E)</source>
        <translation>服务及时性 (A-E)</translation>
    </message>
    <message>
        <source>Repair quality (A-E)</source>
        <translation>维修质量 (A-E)</translation>
    </message>
    <message>
        <source>Attitude (A-E)</source>
        <translation>服务态度 (A-E)</translation>
    </message>
    <message>
        <source>Overall score (1-10)</source>
        <translation>总体满意度 (1-10)</translation>
    </message>
    <message>
        <source>Verified (yes/no)</source>
        <translation>是否核实（是/否）</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Opened (YYYY-MM-DD HH:MM)</source>
        <translation>开单时间（YYYY-MM-DD HH:MM）</translation>
    </message>
    <message>
        <source>Promised (YYYY-MM-DD HH:MM)</source>
        <translation>承诺交车时间（YYYY-MM-DD HH:MM）</translation>
    </message>
    <message>
        <source>Delivered (YYYY-MM-DD HH:MM)</source>
        <translation>交车时间（YYYY-MM-DD HH:MM）</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>车架号（VIN）</translation>
    </message>
    <message>
        <source>Work type</source>
        <translation>维修类型</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Mileage (km)</source>
        <translation>里程（公里）</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import a folder of case files...</source>
        <translation>导入案件文件夹...</translation>
    </message>
    <message>
        <source>%v of %m files</source>
        <translation>%v / %m 个文件</translation>
    </message>
    <message>
        <source>Choose the folder from a USB stick or the shared drive.</source>
        <translation>请选择U盘或共享盘上的文件夹。</translation>
    </message>
    <message>
        <source>Some files wait for earlier files of their counter, which head office has not received: the Reason column names them. Bring those files and import them, then this folder again. Only if they are lost for good (the counter&apos;s store was restored from a backup), import the waiting files anyway: the changes built on the lost files will then be refused.</source>
        <translation>有些文件在等待其柜台较早的文件，总部尚未收到那些文件：“原因”一栏列出了它们。请带来那些文件并导入，然后再次导入本文件夹。只有在那些文件已永久丢失（柜台的数据从备份恢复）时，才仍然导入等待中的文件：基于丢失文件的更改将被拒收。</translation>
    </message>
    <message>
        <source>Import the waiting files anyway</source>
        <translation>仍然导入等待中的文件</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Choose a file in the table to read its whole reason here.</source>
        <translation>在表格中选择一个文件，即可在此处查看完整原因。</translation>
    </message>
    <message>
        <source>Folder of case files</source>
        <translation>案件文件夹</translation>
    </message>
    <message>
        <source>Importing {folder}...</source>
        <translation>正在导入 {folder}...</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Already present</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>(+{n} in conflict)</source>
        <translation>（另有 {n} 项冲突）</translation>
    </message>
    <message>
        <source>({n} refused)</source>
        <translation>（{n} 项被拒收）</translation>
    </message>
    <message>
        <source>{files} file(s): {imported} imported, {present} already present, {rejected} rejected (moved to the folder&apos;s &quot;rejected&quot; subfolder with the reason), {waiting} waiting (left where they are).</source>
        <translation>{files} 个文件：导入 {imported} 个，已存在 {present} 个，拒收 {rejected} 个（已连同原因移至该文件夹的“rejected”子文件夹），等待 {waiting} 个（留在原处）。</translation>
    </message>
    <message>
        <source>{files} file(s): {imported} imported, {present} already present, {rejected} rejected (moved to the folder&apos;s &quot;rejected&quot; subfolder with the reason).</source>
        <translation>{files} 个文件：导入 {imported} 个，已存在 {present} 个，拒收 {rejected} 个（已连同原因移至该文件夹的“rejected”子文件夹）。</translation>
    </message>
    <message>
        <source>{file}: {outcome}; changes: {changes}</source>
        <translation>{file}：{outcome}；修改：{changes}</translation>
    </message>
    <message>
        <source>The import stopped: {reason}</source>
        <translation>导入已停止：{reason}</translation>
    </message>
</context>
<context>
    <name>ImprovementDialog</name>
    <message>
        <source>Improvement action</source>
        <translation>改进措施</translation>
    </message>
    <message>
        <source>What will be changed, e.g. parts ordered when the visit is booked</source>
        <translation>将改变什么，例如预约时即订购配件</translation>
    </message>
    <message>
        <source>The share of cases with this case&apos;s cause</source>
        <translation>与本案件同类原因的案件比例</translation>
    </message>
    <message>
        <source>Timeliness graded D or E</source>
        <translation>及时性评为 D 或 E 的比例</translation>
    </message>
    <message>
        <source>Repair quality graded D or E</source>
        <translation>维修质量评为 D 或 E 的比例</translation>
    </message>
    <message>
        <source>Attitude graded D or E</source>
        <translation>服务态度评为 D 或 E 的比例</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>措施：</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>到期日：</translation>
    </message>
    <message>
        <source>Figure it should lower:</source>
        <translation>应降低的指标：</translation>
    </message>
    <message>
        <source>Raise</source>
        <translation>提出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>(nobody yet)</source>
        <translation>（暂未指定）</translation>
    </message>
</context>
<context>
    <name>ImprovementsBox</name>
    <message>
        <source>Done...</source>
        <translation>完成…</translation>
    </message>
    <message>
        <source>Improvement actions ({n}, {late} overdue)</source>
        <translation>改进措施（{n} 项，{late} 项逾期）</translation>
    </message>
    <message>
        <source>{title} · {owner} · due {due} · case {case}</source>
        <translation>{title} · {owner} · {due} 到期 · 案件 {case}</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>暂未指定</translation>
    </message>
    <message>
        <source>{title} · {owner} · due {due} · from head office</source>
        <translation>{title} · {owner} · {due} 到期 · 总部下达</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Improvement action done</source>
        <translation>改进措施已完成</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>已做了什么：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Recovery Desk</source>
        <translation>服务补救台</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Feedback forms</source>
        <translation>意见反馈表</translation>
    </message>
    <message>
        <source>3-day calls</source>
        <translation>三日回访</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>当前用户：{name}</translation>
    </message>
    <message>
        <source>This counter&apos;s store ({tag})</source>
        <translation>本柜台数据（{tag}）</translation>
    </message>
    <message>
        <source>Store file: {path}</source>
        <translation>数据文件：{path}</translation>
    </message>
    <message>
        <source>Sync: not set up</source>
        <translation>同步：未设置</translation>
    </message>
    <message>
        <source>Dealer: {name} ({code})</source>
        <translation>经销商：{name}（{code}）</translation>
    </message>
    <message>
        <source>Dealer: {code}</source>
        <translation>经销商：{code}</translation>
    </message>
    <message>
        <source>Lock the counter now (Ctrl+L)</source>
        <translation>立即锁定（Ctrl+L）</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Sync: {state}, {waiting} waiting, last {last}</source>
        <translation>同步：{state}，{waiting} 项待发，上次 {last}</translation>
    </message>
</context>
<context>
    <name>MergeCustomersDialog</name>
    <message>
        <source>Merge two records of a customer</source>
        <translation>合并客户的两条记录</translation>
    </message>
    <message>
        <source>the other record: phone, plate or name</source>
        <translation>另一条记录：电话、车牌或姓名</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>These are the same person: move every case and form to the record kept</source>
        <translation>这是同一个人：把所有案例和反馈表移到保留的记录</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Find the other record of this customer:</source>
        <translation>查找该客户的另一条记录：</translation>
    </message>
    <message>
        <source>Keep {name} · {phone}</source>
        <translation>保留 {name} · {phone}</translation>
    </message>
    <message>
        <source>Visit {ro} {plate}</source>
        <translation>到店 {ro} {plate}</translation>
    </message>
    <message>
        <source>Case {number}</source>
        <translation>案例 {number}</translation>
    </message>
    <message>
        <source>No other record matches.</source>
        <translation>没有匹配的其他记录。</translation>
    </message>
</context>
<context>
    <name>MonthTrend</name>
    <message>
        <source>Average score</source>
        <translation>平均得分</translation>
    </message>
    <message>
        <source>Average score, 12 months</source>
        <translation>平均得分（近12个月）</translation>
    </message>
    <message>
        <source>Failure share (%)</source>
        <translation>失败占比（%）</translation>
    </message>
    <message>
        <source>Failure share %, 12 months</source>
        <translation>失败占比 %（近12个月）</translation>
    </message>
    <message>
        <source>{month} {year}: no forms</source>
        <translation>{year}年{month}：无反馈表</translation>
    </message>
    <message>
        <source>{month} {year}: average {average}, failure share {share}%, {forms} forms</source>
        <translation>{year}年{month}：平均 {average}，失败占比 {share}%，反馈表 {forms} 份</translation>
    </message>
</context>
<context>
    <name>NetworkCaseModel</name>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>立案时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Print the charts...</source>
        <translation>打印图表...</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>反馈表</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Failure share</source>
        <translation>失败占比</translation>
    </message>
    <message>
        <source>Recovery success</source>
        <translation>补救成功率</translation>
    </message>
    <message>
        <source>Callbacks made</source>
        <translation>回访完成率</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>当前超时</translation>
    </message>
    <message>
        <source>Double-click a dealer to see the cases behind its figures; ▲ better than last month, ▼ worse.</source>
        <translation>双击经销商查看数字背后的案件；▲ 比上月好，▼ 比上月差。</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>失败类型</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Dealers</source>
        <translation>经销商数</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>根本原因</translation>
    </message>
    <message>
        <source>By dealer</source>
        <translation>各经销商</translation>
    </message>
    <message>
        <source>Root causes recorded when cases were closed, written alike grouped together; By dealer: each dealer&apos;s cases closed this month. Double-click to see the cases closed this month behind one (on Last month: last month&apos;s).</source>
        <translation>结案时记录的根本原因，写法相近的归为一组；“各经销商”列为各经销商本月结案的案件数。双击可查看本月按该原因结案的案件（双击“上月”列则为上月的）。</translation>
    </message>
    <message>
        <source>Cause groups</source>
        <translation>原因类别</translation>
    </message>
    <message>
        <source>Raise an action for its dealers...</source>
        <translation>为相关经销商提出改进措施...</translation>
    </message>
    <message>
        <source>One improvement action for the dealers sharing the chosen root cause; their counters get it on their next sync.</source>
        <translation>为有所选根本原因的经销商提出一项改进措施；其柜台在下次同步时收到。</translation>
    </message>
    <message>
        <source>Root causes</source>
        <translation>根本原因</translation>
    </message>
    <message>
        <source>{dealers} in {month}, against {previous}. Worse on two or more figures: {worse}</source>
        <translation>{month} 共 {dealers}，与 {previous} 相比。两项及以上指标变差：{worse}</translation>
    </message>
    <message numerus="yes">
        <source>%n dealers</source>
        <translation>
            <numerusform>%n 家经销商</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>全网</translation>
    </message>
    <message>
        <source>Average score, {first} to {last}</source>
        <translation>平均分，{first} 至 {last}</translation>
    </message>
    <message>
        <source>Causes rising across dealers</source>
        <translation>各经销商上升的原因</translation>
    </message>
    <message>
        <source>{dealer}: failure forms in {month}</source>
        <translation>{dealer}：{month} 的服务失败反馈表</translation>
    </message>
    <message>
        <source>{dealer}: forms counted in {month}</source>
        <translation>{dealer}：{month} 计入考核的反馈表</translation>
    </message>
    <message>
        <source>{dealer}: overdue cases now</source>
        <translation>{dealer}：当前超时案件</translation>
    </message>
    <message>
        <source>{dealer}: cases closed in {month} with a verdict</source>
        <translation>{dealer}：{month} 结案且有结论的案件</translation>
    </message>
    <message>
        <source>{dealer}: cases with a callback due in {month}</source>
        <translation>{dealer}：{month} 有应回访的案件</translation>
    </message>
    <message>
        <source>{dealer}: cases opened in {month}</source>
        <translation>{dealer}：{month} 立案的案件</translation>
    </message>
    <message>
        <source>Cases opened in {month}: {cause} / {type}</source>
        <translation>{month} 立案的案件：{cause} / {type}</translation>
    </message>
    <message>
        <source>Cases closed in {month} with the root cause &quot;{cause}&quot;</source>
        <translation>{month}结案、根本原因为“{cause}”的案件</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>{by} approved your remedy of {amount} yuan {note}</source>
        <translation>{by} 批准了您的 {amount} 元补偿 {note}</translation>
    </message>
    <message>
        <source>{by} refused your remedy of {amount} yuan: {note}</source>
        <translation>{by} 拒绝了您的 {amount} 元补偿：{note}</translation>
    </message>
    <message>
        <source>{by} asks your approval for a remedy of {amount} yuan</source>
        <translation>{by} 请您审批 {amount} 元的补偿</translation>
    </message>
    <message>
        <source>{by} escalated the case: {reason}</source>
        <translation>{by} 升级了案件：{reason}</translation>
    </message>
    <message>
        <source>{by} opened a case for you</source>
        <translation>{by} 为您开立了案件</translation>
    </message>
    <message>
        <source>A failure form came in: repair order {number}</source>
        <translation>收到服务失败反馈表：工单 {number}</translation>
    </message>
    <message>
        <source>Head office published a new script pack: {label}</source>
        <translation>总部发布了新的话术包：{label}</translation>
    </message>
</context>
<context>
    <name>NoticesButton</name>
    <message>
        <source>Notices ({n})</source>
        <translation>通知 ({n})</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>{n} unread notice(s): decisions, escalations, alerts and news for you</source>
        <translation>{n} 条未读通知：给您的审批结果、升级、预警和消息</translation>
    </message>
    <message>
        <source>{n} new notices</source>
        <translation>{n} 条新通知</translation>
    </message>
    <message>
        <source>Recovery Desk</source>
        <translation>服务补救台</translation>
    </message>
</context>
<context>
    <name>NoticesDialog</name>
    <message>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>No notices in the last {days} days.</source>
        <translation>最近 {days} 天没有通知。</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Mark all &amp;read</source>
        <translation>全部标为已读(&amp;R)</translation>
    </message>
</context>
<context>
    <name>OrderEntryDialog</name>
    <message>
        <source>Add a repair order</source>
        <translation>添加维修工单</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>例如 {example}</translation>
    </message>
    <message>
        <source>Add the repair order</source>
        <translation>添加工单</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>OrdersImportDialog</name>
    <message>
        <source>Import repair orders</source>
        <translation>导入维修工单</translation>
    </message>
    <message>
        <source>Choose the file of repair orders from the management system</source>
        <translation>选择经销商管理系统导出的维修工单文件</translation>
    </message>
    <message>
        <source>Some columns of {file} were not recognised ({missing}). Say which of its columns holds each part of a repair order; the choice is remembered for the next file with the same columns.</source>
        <translation>{file} 中有些列无法识别（{missing}）。请指明工单的每一项在哪一列；此选择会为下一个相同列的文件记住。</translation>
    </message>
    <message>
        <source>Say which of the file&apos;s columns holds each part of a repair order.</source>
        <translation>请指明工单的每一项在文件的哪一列。</translation>
    </message>
    <message>
        <source>Import these repair orders ({n})</source>
        <translation>导入这些维修工单（{n}）</translation>
    </message>
    <message>
        <source>Importing {n} repair orders...</source>
        <translation>正在导入 {n} 张维修工单...</translation>
    </message>
    <message>
        <source>{file}: {added} new repair orders, {filled} added to forms already stored, {updated} changed, {same} already stored.</source>
        <translation>{file}：新增维修工单 {added} 张，补入已有反馈表的工单 {filled} 张，有变更 {updated} 张，已存在 {same} 张。</translation>
    </message>
</context>
<context>
    <name>OverdueBox</name>
    <message>
        <source>Overdue ({n})</source>
        <translation>已逾期（{n}）</translation>
    </message>
    <message>
        <source>{n} more: show all</source>
        <translation>还有 {n} 条：全部显示</translation>
    </message>
    <message>
        <source>no first response yet</source>
        <translation>尚未首次响应</translation>
    </message>
    <message>
        <source>callback overdue</source>
        <translation>回访已逾期</translation>
    </message>
    <message>
        <source>callback not reached 3 times</source>
        <translation>回访三次未联系上</translation>
    </message>
</context>
<context>
    <name>PublishPage</name>
    <message>
        <source>Choose a script pack or settings file...</source>
        <translation>选择话术包或设置文件...</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>未选择文件。</translation>
    </message>
    <message>
        <source>Publish to</source>
        <translation>发布给</translation>
    </message>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Latest for it</source>
        <translation>其最新版本</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Arrived at its counters</source>
        <translation>到达各前台</translation>
    </message>
    <message>
        <source>Publish to the ticked dealers...</source>
        <translation>发布给勾选的经销商...</translation>
    </message>
    <message>
        <source>Publish to all dealers...</source>
        <translation>发布给全部经销商...</translation>
    </message>
    <message>
        <source>Script pack or settings</source>
        <translation>话术包或设置</translation>
    </message>
    <message>
        <source>Packs and settings (*.yaml *.yml *.json);;All files (*)</source>
        <translation>话术包和设置 (*.yaml *.yml *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking...</source>
        <translation>正在检查...</translation>
    </message>
    <message>
        <source>Not valid, nothing published: {reason}</source>
        <translation>无效，未发布：{reason}</translation>
    </message>
    <message>
        <source>Valid script pack {name}, version {version} ({kb} KB). Counters refuse a version not newer than the one they run.</source>
        <translation>有效的话术包 {name}，版本 {version}（{kb} KB）。前台会拒收不比当前版本新的版本。</translation>
    </message>
    <message>
        <source>Valid settings ({kb} KB): published as the next settings version.</source>
        <translation>有效的设置（{kb} KB）：作为下一个设置版本发布。</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未到达</translation>
    </message>
    <message>
        <source>no counter</source>
        <translation>无前台</translation>
    </message>
    <message>
        <source>version {v}</source>
        <translation>版本 {v}</translation>
    </message>
    <message>
        <source>Tick the dealers to publish to in the first column.</source>
        <translation>请在第一列勾选要发布的经销商。</translation>
    </message>
    <message>
        <source>script pack {name} version {version}</source>
        <translation>话术包 {name} 版本 {version}</translation>
    </message>
    <message>
        <source>these settings</source>
        <translation>这些设置</translation>
    </message>
    <message>
        <source>all dealers</source>
        <translation>全部经销商</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Publish {what} to {to}? Their counters take it on their next sync.</source>
        <translation>将{what}发布给 {to}？其前台在下次同步时接收。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Published to {to}; waiting for the counters to sync.</source>
        <translation>已发布给 {to}；等待前台同步。</translation>
    </message>
</context>
<context>
    <name>RaiseActionDialog</name>
    <message>
        <source>Failure share: {what}</source>
        <translation>失败占比：{what}</translation>
    </message>
    <message>
        <source>Raise an improvement action for several dealers</source>
        <translation>为多家经销商提出改进措施</translation>
    </message>
    <message>
        <source>One action for every dealer ticked. Each dealer&apos;s counters get it on their next sync and show it on Today with their own actions; after the due date the Early warnings page shows whether the figure moved.</source>
        <translation>为每家勾选的经销商提出同一项措施。各经销商的柜台在下次同步时收到，并与其自己的措施一起显示在“今日”；到期后可在“预警”页查看指标是否改善。</translation>
    </message>
    <message>
        <source>What each dealer will change (required)</source>
        <translation>各经销商将改变什么（必填）</translation>
    </message>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>the owner role above</source>
        <translation>上面选定的负责角色</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>措施：</translation>
    </message>
    <message>
        <source>Owner at each dealer:</source>
        <translation>各经销商负责人：</translation>
    </message>
    <message>
        <source>Dealers:</source>
        <translation>经销商：</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>到期日：</translation>
    </message>
    <message>
        <source>Figure it should move:</source>
        <translation>应改善的指标：</translation>
    </message>
    <message>
        <source>Raise the action</source>
        <translation>提出措施</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Say what each dealer will change.</source>
        <translation>请说明各经销商将改变什么。</translation>
    </message>
    <message>
        <source>Tick at least one dealer.</source>
        <translation>请至少勾选一家经销商。</translation>
    </message>
</context>
<context>
    <name>RecoveryPages</name>
    <message>
        <source>Recovery</source>
        <translation>服务补救</translation>
    </message>
    <message>
        <source>Callbacks due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>补偿审批</translation>
    </message>
    <message>
        <source>Verification calls</source>
        <translation>核实回访</translation>
    </message>
</context>
<context>
    <name>RecoveryStepper</name>
    <message>
        <source>What the customer said, what you agreed; a reason when you skip</source>
        <translation>客户说了什么、双方约定了什么；跳过时写明原因</translation>
    </message>
    <message>
        <source>Call the customer back on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Skip with reason</source>
        <translation>说明原因后跳过</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <source>Offer a remedy...</source>
        <translation>提出补偿…</translation>
    </message>
    <message>
        <source>Keys: Ctrl+Enter done · Ctrl+K skip · Ctrl+Shift+Enter note · Ctrl+R remedy · Alt+Up/Down other steps</source>
        <translation>快捷键：Ctrl+回车 完成 · Ctrl+K 跳过 · Ctrl+Shift+回车 备注 · Ctrl+R 补偿 · Alt+上/下 查看其他步骤</translation>
    </message>
    <message>
        <source>{number}: {script}</source>
        <translation>{number}：{script}</translation>
    </message>
    <message>
        <source>First response overdue</source>
        <translation>首次响应已逾期</translation>
    </message>
    <message>
        <source>Callback overdue</source>
        <translation>回访已逾期</translation>
    </message>
    <message>
        <source>Callback flagged: not reached</source>
        <translation>回访已标记：多次未联系上</translation>
    </message>
    <message>
        <source>first response after {t}</source>
        <translation>{t}后首次响应</translation>
    </message>
    <message>
        <source>resolved after {t}</source>
        <translation>{t}后解决</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <source>Remedy: {kind}, {amount} yuan ({status})</source>
        <translation>补偿：{kind}，{amount} 元（{status}）</translation>
    </message>
    <message>
        <source>Every step is recorded. The case now waits for its callback (see Callbacks due).</source>
        <translation>所有步骤都已记录，案例等待回访（见“待回访”）。</translation>
    </message>
    <message>
        <source>This case is closed.</source>
        <translation>此案例已结案。</translation>
    </message>
    <message>
        <source>Every step is recorded. The case is escalated: a supervisor decides what happens next.</source>
        <translation>所有步骤都已记录。案例已升级，由主管决定下一步。</translation>
    </message>
    <message>
        <source>Every step is recorded, but the customer is not yet satisfied: offer another remedy (Ctrl+R) or escalate the case.</source>
        <translation>所有步骤都已记录，但客户仍不满意：请再提出补偿（Ctrl+R）或升级案例。</translation>
    </message>
    <message>
        <source>Step {n} of {total}: {title}</source>
        <translation>第 {n} 步，共 {total} 步：{title}</translation>
    </message>
    <message>
        <source>Write down: {what}</source>
        <translation>记录：{what}</translation>
    </message>
    <message>
        <source>Write the reason for skipping in the note box, then press Skip again.</source>
        <translation>请在备注框里写明跳过的原因，再按一次“跳过”。</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>请先填写备注。</translation>
    </message>
</context>
<context>
    <name>RecoveryTimeline</name>
    <message>
        <source>Step {n} {step}: {outcome}</source>
        <translation>第 {n} 步 {step}：{outcome}</translation>
    </message>
    <message>
        <source>Script finished; waiting for the callback</source>
        <translation>话术步骤完成，等待回访</translation>
    </message>
    <message>
        <source>Remedy proposed: {kind}, {amount} yuan ({status})</source>
        <translation>提出补偿：{kind}，{amount} 元（{status}）</translation>
    </message>
    <message>
        <source>needs approval</source>
        <translation>需审批</translation>
    </message>
    <message>
        <source>within authority</source>
        <translation>在权限内</translation>
    </message>
    <message>
        <source>Remedy approved: {amount} yuan {note}</source>
        <translation>补偿已批准：{amount} 元 {note}</translation>
    </message>
    <message>
        <source>Remedy refused: {note}</source>
        <translation>补偿被拒绝：{note}</translation>
    </message>
    <message>
        <source>Customer accepted the remedy: {kind}, {amount} yuan</source>
        <translation>客户接受补偿：{kind}，{amount} 元</translation>
    </message>
    <message>
        <source>Callback scheduled for {due}</source>
        <translation>已安排回访：{due}</translation>
    </message>
    <message>
        <source>Callback: not reached (try {n})</source>
        <translation>回访：未联系上（第 {n} 次）</translation>
    </message>
    <message>
        <source>Callback: re-rated {rating}/10. {words}</source>
        <translation>回访：客户评分 {rating}/10。{words}</translation>
    </message>
    <message>
        <source>Re-rating below target: back into recovery; consider escalating</source>
        <translation>回访评分未达标：重新进入补救，建议升级</translation>
    </message>
    <message>
        <source>Escalated: {reason}</source>
        <translation>已升级：{reason}</translation>
    </message>
    <message>
        <source>Head office took over the escalation: {note}</source>
        <translation>总部接管了升级案例：{note}</translation>
    </message>
    <message>
        <source>Reopened: {reason}</source>
        <translation>重新打开：{reason}</translation>
    </message>
    <message>
        <source>Closed, recovered</source>
        <translation>已结案，补救成功</translation>
    </message>
    <message>
        <source>Closed, not recovered</source>
        <translation>已结案，补救未成功</translation>
    </message>
    <message>
        <source>{head}. Root cause: {cause}. Improvement: {improvement}</source>
        <translation>{head}。根本原因：{cause}。改进建议：{improvement}</translation>
    </message>
    <message>
        <source>Renumbered at enrolment: {old} is now {new}</source>
        <translation>登记时重新编号：{old} 现为 {new}</translation>
    </message>
    <message>
        <source>The customer was anonymised: the retention period is over</source>
        <translation>客户信息已匿名化：保留期限已过</translation>
    </message>
    <message>
        <source>The customer&apos;s two records were merged into one</source>
        <translation>客户的两条记录已合并为一条</translation>
    </message>
</context>
<context>
    <name>RemedyDialog</name>
    <message>
        <source>Offer a remedy</source>
        <translation>提出补偿</translation>
    </message>
    <message>
        <source> yuan</source>
        <translation> 元</translation>
    </message>
    <message>
        <source>e.g. free wheel alignment at the next service</source>
        <translation>例如：下次保养免费做四轮定位</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>金额(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;What exactly:</source>
        <translation>具体内容(&amp;W)：</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>提出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Above your authority of {limit} yuan: a supervisor must approve it before you offer it.</source>
        <translation>超出您 {limit} 元的权限：需主管批准后才能向客户提出。</translation>
    </message>
    <message>
        <source>Within your authority of {limit} yuan: you may offer it now.</source>
        <translation>在您 {limit} 元的权限内：可以直接向客户提出。</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>Case recovery report</source>
        <translation>补救案例报告</translation>
    </message>
    <message>
        <source>Dealer: {dealer}    Month: {month}</source>
        <translation>经销商：{dealer}    月份：{month}</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Cases opened in the month</source>
        <translation>本月新建案例</translation>
    </message>
    <message>
        <source>... of which still open</source>
        <translation>……其中仍未关闭</translation>
    </message>
    <message>
        <source>Open cases now (all months)</source>
        <translation>当前未关闭案例（所有月份）</translation>
    </message>
    <message>
        <source>Overdue now: no first response within {hours} hours, or a callback {grace} hours late or flagged</source>
        <translation>当前超期：{hours} 小时内未首次响应，或回访逾期超过 {grace} 小时或已标记</translation>
    </message>
    <message>
        <source>Time to first response, median / 90th percentile (hours; {n} cases opened in the month)</source>
        <translation>首次响应时间，中位数 / 90 百分位（小时；本月新建 {n} 个案例）</translation>
    </message>
    <message>
        <source>Time to resolution, median / 90th percentile (days; {n} cases resolved in the month)</source>
        <translation>解决时间，中位数 / 90 百分位（天；本月解决 {n} 个案例）</translation>
    </message>
    <message>
        <source>Cases closed in the month</source>
        <translation>本月关闭案例</translation>
    </message>
    <message>
        <source>Recovery success rate: re-rated {threshold} or more ({ok} of {n} re-rated)</source>
        <translation>补救成功率：回访复评 {threshold} 分及以上（{n} 个复评中 {ok} 个）</translation>
    </message>
    <message>
        <source>Open and overdue counts are as of {when}.</source>
        <translation>未关闭与超期数量截至 {when}。</translation>
    </message>
    <message>
        <source>A callback is flagged after {attempts} calls that did not reach the customer.</source>
        <translation>回访 {attempts} 次未联系上客户即被标记。</translation>
    </message>
    <message>
        <source>No cases opened in this month</source>
        <translation>本月没有新建案例</translation>
    </message>
    <message>
        <source>Causes of the month&apos;s cases (Pareto)</source>
        <translation>本月案例原因（帕累托图）</translation>
    </message>
    <message>
        <source>Bars: cases by cause group and failure type, most first; dashed line: cumulative share (right axis).</source>
        <translation>柱形：按原因类别和失败类型统计的案例数，从多到少；虚线：累计占比（右侧坐标轴）。</translation>
    </message>
    <message>
        <source>Cause group</source>
        <translation>原因类别</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>失败类型</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案例数</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation>累计</translation>
    </message>
    <message>
        <source>The month&apos;s cases by status and severity</source>
        <translation>本月案例的状态与严重程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Overdue cases ({n})</source>
        <translation>超期案例（{n}）</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>建立日期</translation>
    </message>
    <message>
        <source>Days open</source>
        <translation>已开天数</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>发现渠道</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>The {shown} longest-open cases are listed.</source>
        <translation>仅列出建立时间最久的 {shown} 个案例。</translation>
    </message>
    <message>
        <source>No overdue cases.</source>
        <translation>没有超期案例。</translation>
    </message>
    <message>
        <source>Remedies given in the month</source>
        <translation>本月给予的补偿</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>补偿方式</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Value (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Average (yuan)</source>
        <translation>平均（元）</translation>
    </message>
    <message>
        <source>All remedies</source>
        <translation>全部补偿</translation>
    </message>
    <message>
        <source>Remedies agreed by the customer in the month, for {n} cases.</source>
        <translation>本月客户接受的补偿，涉及 {n} 个案例。</translation>
    </message>
    <message>
        <source>No remedy was agreed in this month.</source>
        <translation>本月没有客户接受的补偿。</translation>
    </message>
    <message>
        <source>Remedies waiting for a supervisor&apos;s approval now: {n}, worth {value} yuan.</source>
        <translation>当前等待主管审批的补偿：{n} 项，共 {value} 元。</translation>
    </message>
    <message>
        <source>Timeliness</source>
        <translation>服务及时性</translation>
    </message>
    <message>
        <source>Repair quality</source>
        <translation>维修质量</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Monthly feedback summary</source>
        <translation>月度反馈汇总</translation>
    </message>
    <message>
        <source>Advisor: {name}</source>
        <translation>服务顾问：{name}</translation>
    </message>
    <message>
        <source>verified forms only</source>
        <translation>仅计已核实的反馈表</translation>
    </message>
    <message>
        <source>all forms except disputed ones</source>
        <translation>除有异议外的全部反馈表</translation>
    </message>
    <message>
        <source>({amount} yuan)</source>
        <translation>（{amount} 元）</translation>
    </message>
    <message>
        <source>Forms assessed (n)</source>
        <translation>考核反馈表数（n）</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>计入范围</translation>
    </message>
    <message>
        <source>Verified / unverified / disputed forms</source>
        <translation>已核实 / 未核实 / 有异议</translation>
    </message>
    <message>
        <source>Total score</source>
        <translation>本月满意度总得分</translation>
    </message>
    <message>
        <source>Average score (total / n)</source>
        <translation>本月满意度均项得分（总分 / n）</translation>
    </message>
    <message>
        <source>Previous month {month}: average over {n} forms</source>
        <translation>上月 {month}：{n} 张反馈表的均项得分</translation>
    </message>
    <message>
        <source>Change against the previous month</source>
        <translation>与上月相比的变化</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>考核结果</translation>
    </message>
    <message>
        <source>Failure forms</source>
        <translation>服务失败反馈表</translation>
    </message>
    <message>
        <source>Failure share (target below {target})</source>
        <translation>服务失败比例（目标低于 {target}）</translation>
    </message>
    <message>
        <source>Complaints through other channels</source>
        <translation>其他渠道投诉</translation>
    </message>
    <message>
        <source>No feedback forms were assessed in this month, so there is no average and no reward or penalty.</source>
        <translation>本月没有考核的反馈表，因此没有均项得分，也不奖不罚。</translation>
    </message>
    <message>
        <source>The previous month has no assessed forms, so there is no change and no reward or penalty.</source>
        <translation>上月没有考核的反馈表，因此没有变化，也不奖不罚。</translation>
    </message>
    <message>
        <source>Grades of each item</source>
        <translation>各项目等级分布</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>反馈表数</translation>
    </message>
    <message>
        <source>Points: A = 2, B = 1, C = 0, D = -1, E = -2; a form&apos;s score is the sum of its three items.</source>
        <translation>分值：A = 2，B = 1，C = 0，D = -1，E = -2；每张反馈表的得分为三个项目之和。</translation>
    </message>
    <message>
        <source>No forms in these months</source>
        <translation>这些月份没有反馈表</translation>
    </message>
    <message>
        <source>Average score, last 12 months</source>
        <translation>近 12 个月均项得分</translation>
    </message>
    <message>
        <source>Months without assessed forms have no point.</source>
        <translation>没有考核反馈表的月份不画点。</translation>
    </message>
    <message>
        <source>By advisor</source>
        <translation>按服务顾问</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>服务顾问</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>均项得分</translation>
    </message>
    <message>
        <source>Previous average</source>
        <translation>上月均项得分</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失败数</translation>
    </message>
    <message>
        <source>Failure share</source>
        <translation>失败比例</translation>
    </message>
    <message>
        <source>No forms in this month or the previous one.</source>
        <translation>本月和上月都没有反馈表。</translation>
    </message>
    <message>
        <source>Complaints by channel</source>
        <translation>按渠道统计的投诉</translation>
    </message>
    <message>
        <source>Cases opened</source>
        <translation>新建案例</translation>
    </message>
    <message>
        <source>Through other channels (*)</source>
        <translation>其他渠道合计（*）</translation>
    </message>
    <message>
        <source>3-day follow-up calls</source>
        <translation>三日回访</translation>
    </message>
    <message>
        <source>No 3-day calls were due in this month.</source>
        <translation>本月没有到期的三日回访。</translation>
    </message>
    <message>
        <source>Calls due in the month</source>
        <translation>本月到期回访</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已接通</translation>
    </message>
    <message>
        <source>Unreachable (not reached before the call expired)</source>
        <translation>无法联系（到期前未接通）</translation>
    </message>
    <message>
        <source>Completion rate (reached or unreachable / due)</source>
        <translation>回访完成率（已接通或无法联系 / 到期）</translation>
    </message>
    <message>
        <source>Reach rate (reached / due)</source>
        <translation>接通率（已接通 / 到期）</translation>
    </message>
    <message>
        <source>Failures found by the calls</source>
        <translation>回访发现的服务失败</translation>
    </message>
    <message>
        <source>Every delivered repair order gets a call on its due day; a call is due in the month its due day falls in, and one due later than the day the report was made is not counted yet.</source>
        <translation>每张已交车的工单在到期日进行回访；回访计入其到期日所在的月份，到期日晚于报表生成日的回访暂不计入。</translation>
    </message>
    <message>
        <source>These are the whole dealer&apos;s calls, not only this advisor&apos;s.</source>
        <translation>以上为全店的回访，并非仅此服务顾问的。</translation>
    </message>
    <message>
        <source>Failure forms ({n})</source>
        <translation>服务失败反馈表（{n}）</translation>
    </message>
    <message>
        <source>Your records with us</source>
        <translation>您在本店的记录</translation>
    </message>
    <message>
        <source>Name: {name}  Phone: {phone}</source>
        <translation>姓名：{name}  电话：{phone}</translation>
    </message>
    <message>
        <source>Cars</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>车架号</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>车型</translation>
    </message>
    <message>
        <source>Visits and feedback forms</source>
        <translation>到店与反馈表</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Your cases</source>
        <translation>您的案例</translation>
    </message>
    <message>
        <source>What you told us</source>
        <translation>您反映的情况</translation>
    </message>
    <message>
        <source>Remedies offered</source>
        <translation>提供的补救</translation>
    </message>
    <message>
        <source>Everything this dealer holds about you is listed here. Ask at the service counter to have a mistake corrected.</source>
        <translation>本店保存的您的全部信息均列于此。如有错误，请到服务前台要求更正。</translation>
    </message>
    <message>
        <source>A customer&apos;s own records</source>
        <translation>客户本人的记录</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Grades</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <source>Recovery case</source>
        <translation>补救案例</translation>
    </message>
    <message>
        <source>Case status</source>
        <translation>案例状态</translation>
    </message>
    <message>
        <source>No case opened</source>
        <translation>未建案例</translation>
    </message>
    <message>
        <source>A form fails when its overall score is below the threshold or any item is graded D or E. Customers&apos; names and phone numbers are masked.</source>
        <translation>总体评分低于阈值或任一项目为 D 或 E 的反馈表即为服务失败。客户姓名和电话已做遮蔽处理。</translation>
    </message>
    <message>
        <source>No failure forms in this month.</source>
        <translation>本月没有服务失败反馈表。</translation>
    </message>
    <message>
        <source>Network report</source>
        <translation>经销商网络报告</translation>
    </message>
    <message>
        <source>Month: {month}    Dealers: {n}    Counted: {basis}</source>
        <translation>月份：{month}    经销商：{n} 家    计入范围：{basis}</translation>
    </message>
    <message>
        <source>Month over month</source>
        <translation>环比</translation>
    </message>
    <message>
        <source>Dealers side by side, ranked by average score</source>
        <translation>各经销商并列对比（按均项得分排名）</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Other channels</source>
        <translation>其他渠道</translation>
    </message>
    <message>
        <source>No dealer has forms or cases in this month or the previous one.</source>
        <translation>本月和上月没有任何经销商有反馈表或案例。</translation>
    </message>
    <message>
        <source>Case recovery by dealer</source>
        <translation>各经销商的案例补救</translation>
    </message>
    <message>
        <source>First response, median (hours)</source>
        <translation>首次响应中位数（小时）</translation>
    </message>
    <message>
        <source>First response, 90th percentile (hours)</source>
        <translation>首次响应 90 百分位（小时）</translation>
    </message>
    <message>
        <source>Closed with a re-rating</source>
        <translation>已复评并关闭</translation>
    </message>
    <message>
        <source>Recovery success rate</source>
        <translation>补救成功率</translation>
    </message>
    <message>
        <source>Recovered: re-rated {threshold} or more at the callback, among cases closed in the month with a re-rating.</source>
        <translation>补救成功：回访复评 {threshold} 分及以上，统计本月关闭且有复评的案例。</translation>
    </message>
    <message>
        <source>Most frequent causes across the network</source>
        <translation>全网络最常见的失败原因</translation>
    </message>
    <message>
        <source>Network average score, last 12 months</source>
        <translation>全网络近 12 个月均项得分</translation>
    </message>
    <message>
        <source>All dealers</source>
        <translation>全部经销商</translation>
    </message>
    <message>
        <source>Printed by {who} on {when}</source>
        <translation>打印人：{who}&#x3000;打印时间：{when}</translation>
    </message>
    <message>
        <source>Printed on {when}</source>
        <translation>打印时间：{when}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>处罚</translation>
    </message>
    <message>
        <source>Neither reward nor penalty</source>
        <translation>不奖不罚</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>your name</source>
        <translation>你的姓名</translation>
    </message>
    <message>
        <source>Network report</source>
        <translation>网络报表</translation>
    </message>
    <message>
        <source>A dealer&apos;s feedback summary</source>
        <translation>经销商反馈月报</translation>
    </message>
    <message>
        <source>A dealer&apos;s case report</source>
        <translation>经销商案件报表</translation>
    </message>
    <message>
        <source>Create report</source>
        <translation>生成报表</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>打印...</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>报表：</translation>
    </message>
    <message>
        <source>Dealer:</source>
        <translation>经销商：</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Printed by:</source>
        <translation>打印人：</translation>
    </message>
    <message>
        <source>Choose the report and the month, then press &quot;Create report&quot;.</source>
        <translation>选择报表和月份，然后点击“生成报表”。</translation>
    </message>
    <message>
        <source>Choose a dealer for this report.</source>
        <translation>请为此报表选择经销商。</translation>
    </message>
    <message>
        <source>Type your name under &quot;Printed by&quot;: the report says who printed it.</source>
        <translation>请在“打印人”处填写你的姓名：报表会注明打印人。</translation>
    </message>
    <message>
        <source>Making the report...</source>
        <translation>正在生成报表...</translation>
    </message>
    <message>
        <source>{pages} page(s).</source>
        <translation>共 {pages} 页。</translation>
    </message>
    <message>
        <source>The preview shows the first {n}; all are printed.</source>
        <translation>预览显示前 {n} 页；打印全部。</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Monthly feedback summary</source>
        <translation>月度反馈汇总</translation>
    </message>
    <message>
        <source>Case recovery report</source>
        <translation>补救案例报告</translation>
    </message>
    <message>
        <source>YYYY-MM</source>
        <translation>年-月，如 2026-05</translation>
    </message>
    <message>
        <source>Up and Down arrows: the month before or after</source>
        <translation>上下方向键：上一个月或下一个月</translation>
    </message>
    <message>
        <source>The month before</source>
        <translation>上一个月</translation>
    </message>
    <message>
        <source>The month after</source>
        <translation>下一个月</translation>
    </message>
    <message>
        <source>All advisors</source>
        <translation>全部服务顾问</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>报告：</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Advisor:</source>
        <translation>服务顾问：</translation>
    </message>
    <message>
        <source>Language of the report:</source>
        <translation>报告语言：</translation>
    </message>
    <message>
        <source>Create report</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <source>Save PDF...</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Choose the report and the month, then press &quot;Create report&quot; to see it here before saving or printing.</source>
        <translation>选择报告和月份，然后点击“生成报告”，保存或打印前先在这里预览。</translation>
    </message>
    <message>
        <source>Write the month as YYYY-MM, e.g. 2026-05.</source>
        <translation>请按 年-月 格式填写月份，例如 2026-05。</translation>
    </message>
    <message>
        <source>Creating the report...</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <source>Pages: {n}; the preview shows the first {shown}. Save or print it for all of them.</source>
        <translation>共 {n} 页，预览显示前 {shown} 页。保存或打印可得到全部页面。</translation>
    </message>
    <message>
        <source>Pages: {n}. Save or print it.</source>
        <translation>共 {n} 页，可保存或打印。</translation>
    </message>
    <message>
        <source>The report could not be made: {reason}</source>
        <translation>无法生成报告：{reason}</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save: {reason}</source>
        <translation>无法保存：{reason}</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
    <message>
        <source>Preparing the pages for the printer...</source>
        <translation>正在为打印机准备页面…</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve the conflict</source>
        <translation>解决冲突</translation>
    </message>
    <message>
        <source>Keep head office&apos;s version of {subject}.</source>
        <translation>保留{subject}的总部版本。</translation>
    </message>
    <message>
        <source>Take the change kept aside for {subject}.</source>
        <translation>采用{subject}搁置的修改。</translation>
    </message>
    <message>
        <source>The dealer&apos;s counters receive it on their next sync.</source>
        <translation>该经销商的前台在下次同步时收到。</translation>
    </message>
    <message>
        <source>Why this version (required)</source>
        <translation>为何选此版本（必填）</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Write a note saying why: the counters show it with the resolution.</source>
        <translation>请填写备注说明原因：前台会随解决结果显示。</translation>
    </message>
</context>
<context>
    <name>ReturningCustomer</name>
    <message>
        <source>Returning customer: {visits} visits, {forms} forms, {cases} cases</source>
        <translation>老客户：来店 {visits} 次，反馈表 {forms} 份，案例 {cases} 个</translation>
    </message>
    <message>
        <source>form {grades}</source>
        <translation>反馈表 {grades}</translation>
    </message>
    <message>
        <source>no form</source>
        <translation>无反馈表</translation>
    </message>
    <message>
        <source>Case {number} · {status} · {opened}</source>
        <translation>案例 {number} · {status} · {opened}</translation>
    </message>
    <message>
        <source>Repair order {ro} is from the last visit: change it if the complaint is about another.</source>
        <translation>工单 {ro} 取自最近一次来店；若投诉的是另一次，请修改。</translation>
    </message>
</context>
<context>
    <name>Risk</name>
    <message>
        <source>came back within 30 days (last visit {days} days before)</source>
        <translation>30 天内返修（上次来店在 {days} 天前）</translation>
    </message>
    <message>
        <source>came back after a failed visit: not fixed right the first time?</source>
        <translation>上次来店不满意后返修：是否未能一次修好？</translation>
    </message>
    <message>
        <source>promised time missed by {late} h</source>
        <translation>超过承诺交车时间 {late} 小时</translation>
    </message>
    <message>
        <source>long stay: {stay} h, usually {usual} h for this work</source>
        <translation>在厂时间长：{stay} 小时，此类作业通常 {usual} 小时</translation>
    </message>
    <message>
        <source>this customer had a failed visit before</source>
        <translation>该客户以前有过不满意的来店</translation>
    </message>
    <message>
        <source>this customer has an open case</source>
        <translation>该客户有未结案的案件</translation>
    </message>
    <message>
        <source>advisor {advisor}&apos;s failures are drifting up</source>
        <translation>服务顾问 {advisor} 的失败比例正在上升</translation>
    </message>
    <message>
        <source>failures of {work_type} are drifting up</source>
        <translation>{work_type}类作业的失败比例正在上升</translation>
    </message>
    <message>
        <source>{work_type} fails more often at this dealer</source>
        <translation>本店{work_type}类作业失败较多</translation>
    </message>
    <message>
        <source>high risk</source>
        <translation>高风险</translation>
    </message>
    <message>
        <source>raised risk</source>
        <translation>风险偏高</translation>
    </message>
    <message>
        <source>low risk</source>
        <translation>低风险</translation>
    </message>
    <message>
        <source>{level} ({percent})</source>
        <translation>{level}（{percent}）</translation>
    </message>
</context>
<context>
    <name>RiskyCallsBox</name>
    <message>
        <source>The calls&apos; risk could not be worked out: {error}</source>
        <translation>无法计算回访风险：{error}</translation>
    </message>
    <message>
        <source>Call these first: the riskiest 3-day calls ({n} due)</source>
        <translation>优先回访：风险最高的三日回访（{n} 个待回访）</translation>
    </message>
    <message>
        <source>Working out each call&apos;s risk from this dealer&apos;s history...</source>
        <translation>正在根据本店历史计算每个回访的风险……</translation>
    </message>
    <message>
        <source>Double-click a call to make it on the call list.</source>
        <translation>双击某个回访，在回访列表中进行回访。</translation>
    </message>
</context>
<context>
    <name>Scripts</name>
    <message>
        <source>published by head office on {date}</source>
        <translation>由总部于 {date} 发布</translation>
    </message>
    <message>
        <source>installed from file {file} on {date}</source>
        <translation>于 {date} 从文件 {file} 安装</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>内置</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Count only verified feedback forms in the monthly assessment</source>
        <translation>月度考核只统计已核实的反馈表</translation>
    </message>
    <message>
        <source>Monthly reward amount (yuan)</source>
        <translation>月度奖励金额（元）</translation>
    </message>
    <message>
        <source>Monthly penalty amount (yuan)</source>
        <translation>月度处罚金额（元）</translation>
    </message>
    <message>
        <source>A 1-10 overall score below this makes a form a failure</source>
        <translation>总体评分（1-10）低于此值即为服务失败</translation>
    </message>
    <message>
        <source>Target failure share (fraction of forms)</source>
        <translation>服务失败率目标（占反馈表比例）</translation>
    </message>
    <message>
        <source>A re-rating at or above this means the customer is recovered</source>
        <translation>回访重新评分达到或高于此值即为补救成功</translation>
    </message>
    <message>
        <source>Language (empty: follow the system)</source>
        <translation>语言（留空：跟随系统）</translation>
    </message>
    <message>
        <source>Hours within which a new case needs a first response</source>
        <translation>新案例需在多少小时内首次响应</translation>
    </message>
    <message>
        <source>Hours after saving during which a feedback form may be corrected</source>
        <translation>反馈表保存后多少小时内可以更正</translation>
    </message>
    <message>
        <source>Lock the counter after this many idle minutes (0: never)</source>
        <translation>无操作多少分钟后锁定（0：不锁定）</translation>
    </message>
    <message>
        <source>Remedy an advisor may give without approval (yuan)</source>
        <translation>服务顾问无需审批可给予的补偿上限（元）</translation>
    </message>
    <message>
        <source>Days after its service date during which an arriving failure form raises an alert</source>
        <translation>服务日期后多少天内，新到的失败反馈表会产生提醒</translation>
    </message>
    <message>
        <source>Days an early warning stays on Today unless a supervisor acknowledges it</source>
        <translation>预警在“今日”页保留的天数（主管确认后即移除）</translation>
    </message>
    <message>
        <source>Remedy a supervisor may give or approve (yuan)</source>
        <translation>主管可给予或批准的补偿上限（元）</translation>
    </message>
    <message>
        <source>Remedy an administrator may give or approve (yuan)</source>
        <translation>管理员可给予或批准的补偿上限（元）</translation>
    </message>
    <message>
        <source>Head office&apos;s ceiling over every remedy limit (yuan; 0: none)</source>
        <translation>总部规定的补救权限上限（元；0：不设上限）</translation>
    </message>
    <message>
        <source>Days after the remedy is agreed that the callback is due</source>
        <translation>客户接受补偿后几天内回访</translation>
    </message>
    <message>
        <source>Hours past its due time before a callback is overdue</source>
        <translation>回访超过应回访时间多少小时算逾期</translation>
    </message>
    <message>
        <source>Callbacks not reached this many times are flagged</source>
        <translation>回访未联系上达到此次数即标记</translation>
    </message>
    <message>
        <source>Day after delivery that the follow-up call of a repair order is due</source>
        <translation>交车后第几天进行维修工单的回访</translation>
    </message>
    <message>
        <source>Day after delivery that a follow-up call not reached counts as unreachable</source>
        <translation>交车后第几天仍未联系上的回访记为无法联系</translation>
    </message>
    <message>
        <source>Feedback forms drawn for each round of verification calls</source>
        <translation>每轮核实回访抽取的反馈表数量</translation>
    </message>
    <message>
        <source>Verification calls draw from forms of this many recent days</source>
        <translation>核实回访从最近多少天的反馈表中抽取</translation>
    </message>
    <message>
        <source>Head-office address (e.g. https://hq.example.com)</source>
        <translation>总部地址（例如 https://hq.example.com）</translation>
    </message>
    <message>
        <source>Backups of the store kept on this PC (the newest; one is taken every day)</source>
        <translation>本机保留的数据备份数（最新的；每天备份一次）</translation>
    </message>
    <message>
        <source>Folder file dialogs open in</source>
        <translation>文件对话框打开的文件夹</translation>
    </message>
    <message>
        <source>Seconds between sync rounds</source>
        <translation>两次同步之间的秒数</translation>
    </message>
    <message>
        <source>Anonymise customers this many years after their last case or form</source>
        <translation>客户最近一次案例或反馈表满多少年后匿名化</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Language of the program:</source>
        <translation>程序语言：</translation>
    </message>
    <message>
        <source>Rules and preferences</source>
        <translation>规则与偏好</translation>
    </message>
    <message>
        <source>Head office sets this setting</source>
        <translation>此设置由总部规定</translation>
    </message>
    <message>
        <source>Only an administrator can change this setting</source>
        <translation>只有管理员可以修改此设置</translation>
    </message>
    <message>
        <source>Only a supervisor can change this setting</source>
        <translation>只有主管可以修改此设置</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Recovery scripts</source>
        <translation>补救话术</translation>
    </message>
    <message>
        <source>Head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Join head office...</source>
        <translation>加入总部……</translation>
    </message>
    <message>
        <source>Joined head office at {url} as a counter of {name} ({code}).</source>
        <translation>已加入总部 {url}，作为 {name}（{code}）的柜台。</translation>
    </message>
    <message>
        <source>Working offline: not joined to head office yet. Ask head office for an enrolment code.</source>
        <translation>离线工作：尚未加入总部。请向总部索取接入码。</translation>
    </message>
    <message>
        <source>People of the dealer</source>
        <translation>经销商的人员</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>New PIN...</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Lift sign-in wait</source>
        <translation>解除登录等待</translation>
    </message>
    <message>
        <source>Set role</source>
        <translation>设置角色</translation>
    </message>
    <message>
        <source>In use: pack {label} ({scripts} scripts), {origin}.</source>
        <translation>正在使用：话术包 {label}（{scripts} 个话术），{origin}。</translation>
    </message>
    <message>
        <source> (deactivated)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <source> (cannot sign in yet)</source>
        <translation>（暂不能登录）</translation>
    </message>
    <message>
        <source> (sign-in waits until {time}: too many wrong PINs)</source>
        <translation>（PIN 输错次数过多，登录需等待至 {time}）</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>{name} can sign in again.</source>
        <translation>{name} 可以重新登录了。</translation>
    </message>
    <message>
        <source>{name} is deactivated: they can no longer sign in; their work keeps their name.</source>
        <translation>{name} 已停用：无法再登录；其经办的记录仍保留其姓名。</translation>
    </message>
    <message>
        <source>{name} is now: {role}.</source>
        <translation>{name} 现在是：{role}。</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New PIN for {name} (at least 4 characters):</source>
        <translation>为 {name} 设置新密码（至少 4 个字符）：</translation>
    </message>
    <message>
        <source>{name} signs in with the new PIN from now on.</source>
        <translation>{name} 今后使用新密码登录。</translation>
    </message>
    <message>
        <source>{name} can sign in again at once.</source>
        <translation>{name} 现在可以立即登录。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Recovery Desk: sign in</source>
        <translation>服务补救台：登录</translation>
    </message>
    <message>
        <source>Opening the store…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>Who are you</source>
        <translation>您是</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>PIN (at least 4 characters)</source>
        <translation>密码（至少 4 个字符）</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Join head office...</source>
        <translation>加入总部……</translation>
    </message>
    <message>
        <source>Or work offline for now: join later in Settings. What is recorded meanwhile goes to head office once joined.</source>
        <translation>或者暂时离线工作：以后可在“设置”中加入。在此期间记录的内容会在加入后发往总部。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Welcome. This is the first start: create the administrator, who can then add the advisors and supervisors.</source>
        <translation>欢迎使用。这是第一次启动：请先创建管理员，之后由管理员添加服务顾问和主管。</translation>
    </message>
    <message>
        <source>Create administrator and sign in</source>
        <translation>创建管理员并登录</translation>
    </message>
    <message>
        <source>Locked. Sign in again to continue.</source>
        <translation>已锁定。请重新登录以继续。</translation>
    </message>
    <message>
        <source>Joined head office: dealer {name} ({code}).</source>
        <translation>已加入总部：经销商 {name}（{code}）。</translation>
    </message>
    <message>
        <source>Joined head office: fetching the dealer&apos;s people…</source>
        <translation>已加入总部：正在获取经销商的人员…</translation>
    </message>
    <message>
        <source>the two PINs differ; type the same PIN twice</source>
        <translation>两次输入的密码不一致，请输入相同的密码</translation>
    </message>
    <message>
        <source>choose your name</source>
        <translation>请选择您的姓名</translation>
    </message>
</context>
<context>
    <name>StatusCounts</name>
    <message>
        <source>Cases by status; click a part to list only those</source>
        <translation>各状态的案例数；点击某一段只列出该状态的案例</translation>
    </message>
</context>
<context>
    <name>SyncButton</name>
    <message>
        <source>Sync with head office</source>
        <translation>与总部同步</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Sync problems...</source>
        <translation>同步问题……</translation>
    </message>
    <message>
        <source>Connect to head office...</source>
        <translation>连接总部……</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <source>Sync problems</source>
        <translation>同步问题</translation>
    </message>
    <message>
        <source>Nothing here is lost. A refused file keeps its changes on this counter: fix the cause named below (or ask head office), then send it again. Conflicts are resolved by a supervisor at head office.</source>
        <translation>这里的内容都不会丢失。被拒收文件中的变更仍保存在本柜台：先解决下面列出的原因（或询问总部），再重新发送。冲突由总部的主管处理。</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更数</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>No sync problems.</source>
        <translation>没有同步问题。</translation>
    </message>
    <message>
        <source>Applied (head office&apos;s version)</source>
        <translation>已采用（总部版本）</translation>
    </message>
    <message>
        <source>Kept aside</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Refused by head office</source>
        <translation>被总部拒收</translation>
    </message>
    <message>
        <source>Change refused by head office</source>
        <translation>被总部拒收的修改</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Script pack</source>
        <translation>话术包</translation>
    </message>
    <message>
        <source>Program update</source>
        <translation>程序更新</translation>
    </message>
    <message>
        <source>Change from head office</source>
        <translation>来自总部的变更</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Sync: not set up</source>
        <translation>同步：未设置</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} 项待发送</translation>
    </message>
    <message>
        <source>last sync {time}</source>
        <translation>最近同步 {time}</translation>
    </message>
    <message>
        <source>{n} sync problem(s)</source>
        <translation>{n} 个同步问题</translation>
    </message>
    <message>
        <source>clock is {m} min off head office&apos;s</source>
        <translation>时钟与总部相差 {m} 分钟</translation>
    </message>
</context>
<context>
    <name>TakeOverDialog</name>
    <message>
        <source>Take over the escalation</source>
        <translation>接管升级案例</translation>
    </message>
    <message>
        <source>Head office handles case {number} of dealer {dealer} from now on. The dealer&apos;s counters see it, with your note, on their next sync.</source>
        <translation>此后由总部处理经销商 {dealer} 的案例 {number}。该经销商的前台在下次同步时会看到它和你的备注。</translation>
    </message>
    <message>
        <source>Why, and what head office does next (required)</source>
        <translation>原因，以及总部下一步做什么（必填）</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Write a note: the dealer&apos;s counters show it in the case&apos;s timeline.</source>
        <translation>请写备注：经销商的前台会在案例时间线中显示它。</translation>
    </message>
</context>
<context>
    <name>Thumbnails</name>
    <message>
        <source>PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>JPEG image</source>
        <translation>JPEG 图片</translation>
    </message>
    <message>
        <source>GIF image</source>
        <translation>GIF 图片</translation>
    </message>
    <message>
        <source>BMP image</source>
        <translation>BMP 图片</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>ZIP or Office document</source>
        <translation>ZIP 或 Office 文档</translation>
    </message>
    <message>
        <source>WebP image</source>
        <translation>WebP 图片</translation>
    </message>
    <message>
        <source>SVG drawing (not previewed)</source>
        <translation>SVG 矢量图（不预览）</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>{kind}, {width} x {height}: too large to preview</source>
        <translation>{kind}，{width} x {height}：太大，不预览</translation>
    </message>
    <message>
        <source>{kind} that can&apos;t be read</source>
        <translation>无法读取的{kind}</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Feedback forms this month:</source>
        <translation>本月反馈表：</translation>
    </message>
    <message>
        <source>Average score:</source>
        <translation>均项得分：</translation>
    </message>
    <message>
        <source>Failure share:</source>
        <translation>服务失败率：</translation>
    </message>
    <message>
        <source>Change against last month:</source>
        <translation>与上月相比：</translation>
    </message>
    <message>
        <source>3-day calls completed:</source>
        <translation>三日回访完成率：</translation>
    </message>
    <message>
        <source>Calls reached:</source>
        <translation>回访接通率：</translation>
    </message>
    <message>
        <source>Failures found by the calls:</source>
        <translation>回访发现的服务失败：</translation>
    </message>
    <message>
        <source>Waiting for a first response</source>
        <translation>等待首次响应</translation>
    </message>
    <message>
        <source>Callbacks due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Failure forms with no case yet</source>
        <translation>尚未建案的失败反馈表</translation>
    </message>
    <message>
        <source>Alerts for supervisors</source>
        <translation>主管提醒</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Today, {day}</source>
        <translation>今天，{day}</translation>
    </message>
    <message>
        <source>Waiting for a first response ({n})</source>
        <translation>等待首次响应（{n}）</translation>
    </message>
    <message>
        <source>Callbacks due ({n})</source>
        <translation>待回访（{n}）</translation>
    </message>
    <message>
        <source>Failure forms with no case yet ({n})</source>
        <translation>尚未建案的失败反馈表（{n}）</translation>
    </message>
    <message>
        <source>opened {when}</source>
        <translation>{when} 建案</translation>
    </message>
    <message>
        <source>due {when}</source>
        <translation>{when} 到期</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>{share} ({n} of {due})</source>
        <translation>{share}（{due} 个中的 {n} 个）</translation>
    </message>
    <message>
        <source>Alerts for supervisors ({n})</source>
        <translation>主管提醒（{n}）</translation>
    </message>
    <message>
        <source>{n} more: show all</source>
        <translation>还有 {n} 条：全部显示</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <source>Version {version} ready: installs when you close Recovery Desk</source>
        <translation>新版本 {version} 已就绪：关闭服务补救台时自动安装</translation>
    </message>
    <message>
        <source>Checked against head office&apos;s SHA-256. File: {path}</source>
        <translation>已按总部的 SHA-256 校验。文件：{path}</translation>
    </message>
    <message>
        <source>Version {version} downloaded</source>
        <translation>新版本 {version} 已下载</translation>
    </message>
    <message>
        <source>Install it from {path} (on Debian: sudo apt install {path})</source>
        <translation>请从 {path} 安装（Debian 上：sudo apt install {path}）</translation>
    </message>
</context>
<context>
    <name>VerificationView</name>
    <message>
        <source>&amp;Draw a sample to call</source>
        <translation>抽取核实样本(&amp;D)</translation>
    </message>
    <message>
        <source>Calls to make</source>
        <translation>待核实的回访</translation>
    </message>
    <message>
        <source>Disputed forms to resolve</source>
        <translation>待处理的异议反馈表</translation>
    </message>
    <message>
        <source>&amp;Resolved: the form stands</source>
        <translation>已处理：反馈表有效(&amp;R)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>服务顾问</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Grades</source>
        <translation>评级</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>&amp;Confirmed</source>
        <translation>属实(&amp;C)</translation>
    </message>
    <message>
        <source>D&amp;isputed</source>
        <translation>有异议(&amp;I)</translation>
    </message>
    <message>
        <source>No calls waiting. Draw a sample of recent feedback forms to call.</source>
        <translation>没有待核实的回访。请从近期反馈表中抽取样本。</translation>
    </message>
    <message>
        <source>Call each customer and check the form is what they said. A disputed form leaves the monthly assessment until it is resolved.</source>
        <translation>逐一致电客户，核实反馈表是否与客户所说一致。有异议的反馈表在处理完之前不计入月度考核。</translation>
    </message>
    <message>
        <source>How the dispute was settled (required)</source>
        <translation>异议的处理结果（必填）</translation>
    </message>
    <message>
        <source>What the customer said (required when disputed)</source>
        <translation>客户的说法（有异议时必填）</translation>
    </message>
</context>
<context>
    <name>Vocab</name>
    <message>
        <source>Service advisor</source>
        <translation>服务顾问</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>A (very satisfied)</source>
        <translation>A（非常满意）</translation>
    </message>
    <message>
        <source>B (satisfied)</source>
        <translation>B（满意）</translation>
    </message>
    <message>
        <source>C (neutral)</source>
        <translation>C（一般）</translation>
    </message>
    <message>
        <source>D (dissatisfied)</source>
        <translation>D（不满意）</translation>
    </message>
    <message>
        <source>E (very dissatisfied)</source>
        <translation>E（非常不满意）</translation>
    </message>
    <message>
        <source>Unverified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>有争议</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>现场发现</translation>
    </message>
    <message>
        <source>3-day callback</source>
        <translation>三日回访</translation>
    </message>
    <message>
        <source>Maker survey</source>
        <translation>厂家调查</translation>
    </message>
    <message>
        <source>Third-party survey</source>
        <translation>第三方调查</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>热线</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Suggestion box</source>
        <translation>意见箱</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Outcome failure</source>
        <translation>结果失败</translation>
    </message>
    <message>
        <source>Process failure</source>
        <translation>过程失败</translation>
    </message>
    <message>
        <source>Service system</source>
        <translation>服务系统</translation>
    </message>
    <message>
        <source>Employee error</source>
        <translation>员工失误</translation>
    </message>
    <message>
        <source>Customer&apos;s own part</source>
        <translation>顾客自身原因</translation>
    </message>
    <message>
        <source>Communication gap</source>
        <translation>沟通偏差</translation>
    </message>
    <message>
        <source>The customer</source>
        <translation>顾客本人</translation>
    </message>
    <message>
        <source>The dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>A third party</source>
        <translation>第三方</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>轻微</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Serious</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>非常严重</translation>
    </message>
    <message>
        <source>Calm</source>
        <translation>平静</translation>
    </message>
    <message>
        <source>Disappointed</source>
        <translation>失望</translation>
    </message>
    <message>
        <source>Anxious</source>
        <translation>焦急</translation>
    </message>
    <message>
        <source>Angry</source>
        <translation>愤怒</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>In recovery</source>
        <translation>补救中</translation>
    </message>
    <message>
        <source>Remedy agreed</source>
        <translation>已达成补偿</translation>
    </message>
    <message>
        <source>Awaiting callback</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Listen to the whole complaint</source>
        <translation>完整倾听客户投诉</translation>
    </message>
    <message>
        <source>Acknowledge the inconvenience and feelings</source>
        <translation>体谅客户的不便和感受</translation>
    </message>
    <message>
        <source>Calm the customer</source>
        <translation>安抚客户情绪</translation>
    </message>
    <message>
        <source>Apologise sincerely</source>
        <translation>真诚道歉</translation>
    </message>
    <message>
        <source>Admit the dealer&apos;s mistake</source>
        <translation>承认我方失误</translation>
    </message>
    <message>
        <source>Explain the cause</source>
        <translation>解释原因</translation>
    </message>
    <message>
        <source>Explain the steps and time to fix</source>
        <translation>说明处理步骤和时间</translation>
    </message>
    <message>
        <source>Offer a remedy</source>
        <translation>提出补偿</translation>
    </message>
    <message>
        <source>Confirm the customer accepts</source>
        <translation>确认客户接受</translation>
    </message>
    <message>
        <source>Agree the follow-up</source>
        <translation>约定回访</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Noted</source>
        <translation>已备注</translation>
    </message>
    <message>
        <source>Free rework</source>
        <translation>免费返修</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>代金券</translation>
    </message>
    <message>
        <source>Goodwill gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Other remedy</source>
        <translation>其他补偿</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>等待审批</translation>
    </message>
    <message>
        <source>May be offered</source>
        <translation>可向客户提出</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>客户已接受</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已联系上</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <source>Any time of day</source>
        <translation>全天均可</translation>
    </message>
    <message>
        <source>Morning (from 9:00)</source>
        <translation>上午（9:00 起）</translation>
    </message>
    <message>
        <source>Afternoon (from 14:00)</source>
        <translation>下午（14:00 起）</translation>
    </message>
    <message>
        <source>Evening (from 18:00)</source>
        <translation>晚上（18:00 起）</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>保养</translation>
    </message>
    <message>
        <source>repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>warranty</source>
        <translation>保修</translation>
    </message>
    <message>
        <source>bodywork</source>
        <translation>钣喷</translation>
    </message>
</context>
<context>
    <name>WarningDialog</name>
    <message>
        <source>Early warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Figure:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>What crossed its limit:</source>
        <translation>越过控制限的依据：</translation>
    </message>
    <message>
        <source>Failure share since {since}:</source>
        <translation>自 {since} 起的不满意率：</translation>
    </message>
    <message>
        <source>{share} ({failures} of {forms})</source>
        <translation>{share}（{forms} 份中 {failures} 份）</translation>
    </message>
    <message>
        <source>Usual share:</source>
        <translation>通常比例：</translation>
    </message>
    <message>
        <source>Crossed its limit on:</source>
        <translation>超出控制限的日期：</translation>
    </message>
    <message>
        <source>Failures behind it:</source>
        <translation>相关的不满意工单：</translation>
    </message>
    <message>
        <source>What will be done about it (optional)</source>
        <translation>将采取的措施（可选）</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>WarningsBox</name>
    <message>
        <source>Early warnings could not be worked out: {error}</source>
        <translation>无法计算预警：{error}</translation>
    </message>
    <message>
        <source>Early warnings ({n})</source>
        <translation>预警（{n}）</translation>
    </message>
    <message>
        <source>Double-click a warning to see the forms behind it and acknowledge it.</source>
        <translation>双击一条预警，查看相关表单并确认。</translation>
    </message>
</context>
<context>
    <name>WarningsPage</name>
    <message>
        <source>Work out now</source>
        <translation>立即计算</translation>
    </message>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Crossed on</source>
        <translation>超限日期</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Usual share</source>
        <translation>通常比例</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What crossed its limit</source>
        <translation>越过控制限的依据</translation>
    </message>
    <message>
        <source>Rising at several dealers</source>
        <translation>多家经销商同时上升</translation>
    </message>
    <message>
        <source>Dealers</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Raise an action for these dealers...</source>
        <translation>为这些经销商提出改进措施...</translation>
    </message>
    <message>
        <source>Improvement action</source>
        <translation>改进措施</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Causes and items drifting at two dealers or more: one improvement for all of them.</source>
        <translation>在两家或更多经销商同时恶化的原因和评价项：可统一制定一项改进措施。</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>done, not due yet</source>
        <translation>已完成，尚未到期</translation>
    </message>
    <message>
        <source>done, too few forms yet</source>
        <translation>已完成，表单数量尚不足</translation>
    </message>
    <message>
        <source>done: the figure fell</source>
        <translation>已完成：指标下降</translation>
    </message>
    <message>
        <source>done: the figure rose</source>
        <translation>已完成：指标上升</translation>
    </message>
    <message>
        <source>done: no clear change</source>
        <translation>已完成：无明显变化</translation>
    </message>
    <message>
        <source>head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>{failures} of {forms}</source>
        <translation>{forms} 份中 {failures} 份</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>{warnings} in the last {days} days; {open} not acknowledged, at {dealers}</source>
        <translation>最近 {days} 天共 {warnings}；{open} 条未确认，涉及 {dealers}</translation>
    </message>
    <message numerus="yes">
        <source>%n warnings</source>
        <translation>
            <numerusform>%n 条预警</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dealers</source>
        <translation>
            <numerusform>%n 家经销商</numerusform>
        </translation>
    </message>
    <message>
        <source>Working out every dealer&apos;s warnings from its history…</source>
        <translation>正在根据各经销商的历史数据计算预警…</translation>
    </message>
    <message>
        <source>{n} new warnings</source>
        <translation>新增 {n} 条预警</translation>
    </message>
    <message>
        <source>Warnings could not be worked out: {error}</source>
        <translation>无法计算预警：{error}</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>出现问题：{error}</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s：错误：%(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下必需参数：%s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多需要一个参数值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个参数值</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>需要 %s 个参数值</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>需要 %s 个参数值</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>有歧义的选项：%(option)s 可能是 %(matches)s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>必须给出参数 %s 之一</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>已忽略显式参数 %r</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>无法打开“%(filename)s”：%(error)s</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序版本号并退出</translation>
    </message>
</context>
</TS>
