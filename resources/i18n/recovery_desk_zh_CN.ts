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
        <source>column {column}</source>
        <translation>列 {column}</translation>
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
        <source>must be 0 or more</source>
        <translation>必须大于或等于 0</translation>
    </message>
    <message>
        <source>Demo data added to dealer {dealer}: {forms} feedback forms, {cases} cases.</source>
        <translation>已为经销商 {dealer} 添加演示数据：{forms} 份意见反馈表，{cases} 个案例。</translation>
    </message>
    <message>
        <source>import feedback forms, print the monthly assessment</source>
        <translation>导入意见反馈表，打印月度考核</translation>
    </message>
    <message>
        <source>import feedback forms from a UTF-8 CSV file (all or nothing)</source>
        <translation>从 UTF-8 编码的 CSV 文件导入意见反馈表（要么全部导入，要么一条不导入）</translation>
    </message>
    <message>
        <source>dealer code (default: this store&apos;s dealer)</source>
        <translation>经销商代码（默认：本机所属经销商）</translation>
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
        <source>{file}: {rows} forms read, {imported} imported, {same} already stored (dealer {dealer}).</source>
        <translation>{file}：读取 {rows} 份反馈表，导入 {imported} 份，{same} 份已存在（经销商 {dealer}）。</translation>
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
        <source>name printed in the page header (default: your login name)</source>
        <translation>页眉中打印的姓名（默认为您的登录名）</translation>
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
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong.</source>
        <translation>出现了问题。</translation>
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
        <source>write the month as YYYY-MM, e.g. 2026-05</source>
        <translation>月份请写成 YYYY-MM 格式，例如 2026-05</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>服务顾问</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>not one of the offered choices</source>
        <translation>不是可选的值之一</translation>
    </message>
    <message>
        <source>use digits only, e.g. 13812345678</source>
        <translation>只能填写数字，例如 13812345678</translation>
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
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Dealer</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>The file is not UTF-8 text. In Excel use Save As &gt; &quot;CSV UTF-8 (comma delimited)&quot;.</source>
        <translation>文件不是 UTF-8 编码的文本。请在 Excel 中使用“另存为 &gt; CSV UTF-8（逗号分隔）”。</translation>
    </message>
    <message>
        <source>The file is empty: the first line must be the header {header}.</source>
        <translation>文件为空：第一行必须是表头 {header}。</translation>
    </message>
    <message>
        <source>Column &quot;{column}&quot; is missing from the header. The header must be: {header}</source>
        <translation>表头缺少“{column}”列。表头应为：{header}</translation>
    </message>
    <message>
        <source>Column &quot;{column}&quot; appears twice in the header.</source>
        <translation>表头中“{column}”列出现了两次。</translation>
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
        <source>&quot;{value}&quot; is not a phone number; use digits only, e.g. 13812345678.</source>
        <translation>“{value}”不是有效的电话号码；只能填写数字，例如 13812345678。</translation>
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
        <source>Repair order {ro} is already stored with different {fields} (stored: {stored}; file: {file}). Nothing was overwritten: correct the form in the app, or fix this line.</source>
        <translation>工单 {ro} 已存有不同的 {fields}（已存：{stored}；文件：{file}）。没有覆盖任何数据：请在应用中更正该反馈表，或修改此行。</translation>
    </message>
    <message>
        <source>The store at {path} can&apos;t be read: {reason}</source>
        <translation>无法读取位于 {path} 的数据库：{reason}</translation>
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
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Sync: not set up</source>
        <translation>同步：未设置</translation>
    </message>
    <message>
        <source>Dealer: {code}</source>
        <translation>经销商：{code}</translation>
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
        <source>Overdue now: unresolved {days} days after opening</source>
        <translation>当前超期：建立 {days} 天后仍未解决</translation>
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
        <source>Recovery success rate: re-rated 8 or more ({ok} of {n} re-rated)</source>
        <translation>补救成功率：回访复评 8 分及以上（{n} 个复评中 {ok} 个）</translation>
    </message>
    <message>
        <source>Open and overdue counts are as of {when}.</source>
        <translation>未关闭与超期数量截至 {when}。</translation>
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
        <source>Failure forms ({n})</source>
        <translation>服务失败反馈表（{n}）</translation>
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
        <source>Write the month as YYYY-MM, e.g. 2026-05.</source>
        <translation>请按 年-月 格式填写月份，例如 2026-05。</translation>
    </message>
    <message>
        <source>Creating the report...</source>
        <translation>正在生成报告…</translation>
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
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
    <message>
        <source>Could not save: {reason}</source>
        <translation>无法保存：{reason}</translation>
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
        <source>A case still unresolved this many days after it was opened is overdue</source>
        <translation>案例建立后超过此天数仍未解决即为超期</translation>
    </message>
    <message>
        <source>Language (empty: follow the system)</source>
        <translation>语言（留空：跟随系统）</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
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
        <source>This month ({month})</source>
        <translation>本月（{month}）</translation>
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
</context>
</TS>
