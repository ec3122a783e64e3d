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
        <source>Sync: not set up</source>
        <translation>同步：未设置</translation>
    </message>
    <message>
        <source>Dealer: {code}</source>
        <translation>经销商：{code}</translation>
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
