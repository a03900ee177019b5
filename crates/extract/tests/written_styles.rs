//! Responsibility styles of county and city work plans that the readable corpus lacks, on
//! notices written the way such plans are written (issue 12 §2): labels beyond 牵头单位 /
//! 配合单位, lines naming officials, a contact or a time under the unit lines, trailing
//! parentheses that only list bodies, a first-listed declaration in the cover notice, and
//! party departments whose names hold a verb (组织部).

use policykg_extract::{Role, RoleBasis, RoleConvention, Task};
use policykg_ontology::Ontology;

fn tasks(text: &str) -> (Vec<Task>, RoleConvention) {
    let x = extraction(text);
    (x.tasks, x.convention)
}

/// The extraction of a plain-text notice.
fn extraction(text: &str) -> policykg_extract::Extraction {
    let o = Ontology::bundled();
    let doc = policykg_read::read_bytes("plan.txt", text.as_bytes(), &Default::default())
        .expect("plain text reads");
    policykg_extract::extract(&policykg_outline::parse(doc, o), o)
}

/// The extraction of an HTML page.
fn page(html: &str) -> policykg_extract::Extraction {
    let o = Ontology::bundled();
    let doc = policykg_read::read_bytes("plan.html", html.as_bytes(), &Default::default())
        .expect("the page reads");
    policykg_extract::extract(&policykg_outline::parse(doc, o), o)
}

/// (task id, [(mention, role)]) of every task.
fn roles(tasks: &[Task]) -> Vec<(String, Vec<(String, Role)>)> {
    tasks
        .iter()
        .map(|t| {
            (
                t.id.clone(),
                t.agencies
                    .iter()
                    .map(|a| (a.mention.clone(), a.role))
                    .collect(),
            )
        })
        .collect()
}

fn owned(rows: &[(&str, &[(&str, Role)])]) -> Vec<(String, Vec<(String, Role)>)> {
    rows.iter()
        .map(|(id, agencies)| {
            (
                (*id).to_owned(),
                agencies
                    .iter()
                    .map(|(m, r)| ((*m).to_owned(), *r))
                    .collect(),
            )
        })
        .collect()
}

/// Asserts every task's (mention, role) pairs, in order.
fn assert_roles(text: &str, expected: &[(&str, &[(&str, Role)])]) {
    let (tasks, _) = tasks(text);
    assert_eq!(roles(&tasks), owned(expected));
}

const HEAD: &str = "于都县人民政府办公室关于印发于都县优化营商环境攻坚行动方案的通知\n\
    各乡镇人民政府，县直各单位：\n\
    现将《于都县优化营商环境攻坚行动方案》印发给你们，请认真抓好落实。\n\
    于都县人民政府办公室\n\
    2023年5月6日\n";

/// 主责部门 / 协同部门 / 参与部门 / 协作单位 / 责任主体 / 牵头责任单位 / 承办单位 are role labels
/// like 牵头单位 / 配合单位; a space before the colon changes nothing.
#[test]
fn labels_beyond_lead_and_support_units() {
    let text = format!(
        "{HEAD}一、重点任务\n\
        1.降低物流成本。\n主责部门：县交通运输局\n协同部门：县发改局\n\
        2.推行“一网通办”。\n责任主体：县行政审批局\n协作单位：县数据资源局\n\
        3.优化不动产登记。\n牵头责任单位 ：县自然资源局\n参与部门：县税务局、县住建局\n\
        4.加强要素保障。\n承办单位：县发改局、县财政局\n"
    );
    let (tasks, _) = tasks(&text);
    use Role::*;
    assert_eq!(
        roles(&tasks),
        owned(&[
            ("一/1", &[("县交通运输局", Lead), ("县发改局", Support)]),
            ("一/2", &[("县行政审批局", Lead), ("县数据资源局", Support)]),
            (
                "一/3",
                &[
                    ("县自然资源局", Lead),
                    ("县税务局", Support),
                    ("县住建局", Support)
                ]
            ),
            ("一/4", &[("县发改局", Joint), ("县财政局", Joint)]),
        ])
    );
    // The county's bodies, known to the gazetteer (行政审批局 is a county template).
    let approval = &tasks[1].agencies[0];
    assert_eq!(approval.name, "于都县行政审批局");
    assert!(approval.known);
}

/// Lines naming officials (牵头县领导：), a contact (联系人：) or a time (完成时限：, 时间安排：)
/// around the unit lines are part of the task: no task of their own, and the time is the task's
/// deadline.
#[test]
fn officials_contact_and_time_lines_stay_with_their_task() {
    let text = format!(
        "{HEAD}一、重点任务\n\
        1.压减企业开办时间。企业开办时间压缩至1个工作日以内。\n\
        牵头县领导：王某某\n牵头单位：县市场监管局\n配合单位：县税务局、县人社局\n\
        完成时限：2023年6月底前\n\
        2.降低物流成本。\n主责部门：县交通运输局\n联系人：张某，电话：1234567\n\
        3.加强要素保障。\n牵头单位：县发改局\n时间安排：全年\n"
    );
    let (tasks, _) = tasks(&text);
    let ids: Vec<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["一/1", "一/2", "一/3"]);
    use Role::*;
    assert_eq!(
        roles(&tasks)[0].1,
        [
            ("县市场监管局".to_owned(), Lead),
            ("县税务局".to_owned(), Support),
            ("县人社局".to_owned(), Support)
        ]
    );
    let deadline = tasks[0].deadline.as_ref().expect("the task's deadline");
    assert_eq!(deadline.text, "2023年6月底前");
    assert!(tasks[0].text.ends_with("完成时限：2023年6月底前"));
    assert!(tasks[1].text.ends_with("电话：1234567"));
}

/// A parenthesis closing a task that lists bodies only, perhaps with a time, names the task's
/// bodies; their roles are the document's convention (here it marks no lead: the first listed
/// leads).
#[test]
fn a_trailing_parenthesis_listing_bodies() {
    let text = format!(
        "{HEAD}一、推进产业发展\n\
        1.发展特色种养业。新增蔬菜基地1万亩。（县农业农村局、县财政局、县自然资源局，2024年底前完成）\n\
        2.培育新型经营主体。（县农业农村局、县供销社；完成时限：长期坚持）\n\
        3.加强宣传引导。（县委宣传部、县融媒体中心）\n\
        4.鼓励企业开拓市场，支持企业参加各类展会（以下简称展会）。\n"
    );
    let (tasks, convention) = tasks(&text);
    assert_eq!(convention, RoleConvention::FirstListed);
    use Role::*;
    assert_eq!(
        roles(&tasks),
        owned(&[
            (
                "一/1",
                &[
                    ("县农业农村局", Lead),
                    ("县财政局", Support),
                    ("县自然资源局", Support)
                ]
            ),
            ("一/2", &[("县农业农村局", Lead), ("县供销社", Support)]),
            ("一/3", &[("县委宣传部", Lead), ("县融媒体中心", Support)]),
            ("一/4", &[]),
        ])
    );
    assert!(tasks[0]
        .agencies
        .iter()
        .all(|a| a.basis == RoleBasis::FirstListed));
    assert_eq!(
        tasks[1].agencies[1].name, "于都县供销合作社联合社",
        "县供销社 is the county's supply and marketing cooperative"
    );
}

/// A list of members with their units in brackets names people, not tasks' bodies.
#[test]
fn members_with_their_units_are_no_statements() {
    let text = "于都县人民政府办公室关于调整于都县社会信用体系建设领导小组成员的通知\n\
        各乡镇人民政府，县直各单位：\n\
        经县政府研究，决定调整领导小组成员。现将名单通知如下：\n\
        组  长：何某某（县政府副县长）\n\
        成  员：李某某（县发改局）\n\
        王  某（县委宣传部）\n\
        张某某（县财政局）\n";
    let (tasks, _) = tasks(text);
    let named: Vec<&Task> = tasks.iter().filter(|t| !t.agencies.is_empty()).collect();
    assert!(named.is_empty(), "{:?}", roles(&tasks));
}

/// "排名第一的为牵头单位" said once in the cover notice holds for every list of the document.
#[test]
fn a_first_listed_declaration_in_the_cover_notice() {
    let text = "于都县人民政府办公室关于印发于都县推进乡村振兴重点工作任务分工的通知\n\
        各乡镇人民政府，县直有关单位：\n\
        经县政府同意，现将任务分工印发给你们。排名第一的为牵头单位，其他为配合单位。\n\
        一、推进产业发展\n\
        1.加强农田水利建设。（县水利局、县财政局按职责分工负责）\n\
        2.强化人才支撑。（县委组织部、县人社局按照各自职责抓好落实）\n";
    let (tasks, convention) = tasks(text);
    assert_eq!(convention, RoleConvention::DeclaredFirstListed);
    use Role::*;
    assert_eq!(
        roles(&tasks),
        owned(&[
            ("一/1", &[("县水利局", Lead), ("县财政局", Support)]),
            ("一/2", &[("县委组织部", Lead), ("县人社局", Support)]),
        ])
    );
}

/// 组织 is a duty cue ("县政府组织…") and stands inside 组织部: a clause opening with
/// 县委组织部 charges the department, not 县委.
#[test]
fn a_party_department_whose_name_holds_a_cue() {
    let text = "于都县人民政府关于做好人才工作的通知\n\
        一、工作任务\n\
        1.强化人才支撑。县委组织部负责干部培训。\n\
        2.强化人才引进。县委组织部、县人社局按照各自职责抓好落实。\n\
        3.加强统筹。县政府组织会商重大事项。\n";
    let (tasks, _) = tasks(text);
    use Role::*;
    assert_eq!(
        roles(&tasks),
        owned(&[
            ("一/1", &[("县委组织部", Lead)]),
            ("一/2", &[("县委组织部", Joint), ("县人社局", Joint)]),
            ("一/3", &[("县政府", Lead)]),
        ])
    );
    assert_eq!(tasks[0].agencies[0].name, "中共于都县委组织部");
}

/// A labelled statement may close its task in square brackets as well as parentheses, full- or
/// half-width.
#[test]
fn labelled_statements_in_square_brackets() {
    let text = "某市人民政府办公室关于印发某市数字经济发展三年行动计划的通知\n\
        一、重点任务\n\
        （一）加快新型基础设施建设。新建5G基站3000个。【责任单位：市工信局、市科技局】\n\
        （二）推动产业数字化转型。[牵头单位：市工信局；配合单位：市科技局]\n\
        （三）发展数字服务业。［牵头单位：市商务局］\n";
    let (tasks, _) = tasks(text);
    use Role::*;
    assert_eq!(
        roles(&tasks),
        owned(&[
            ("一/（一）", &[("市工信局", Joint), ("市科技局", Joint)]),
            ("一/（二）", &[("市工信局", Lead), ("市科技局", Support)]),
            ("一/（三）", &[("市商务局", Lead)]),
        ])
    );
}

/// A statement written before the measure ("（三）【牵头单位：县水务局】推进…") heads the whole
/// item: the item is one task, not a run with the statement and a run without any.
#[test]
fn a_statement_opening_its_item() {
    let text = "临夏县2023年农村人居环境整治工作要点\n\
        一、重点任务\n\
        （一）推进农村厕所革命。全年新改建农村户用卫生厕所2000座。【责任单位：县农业农村局、县卫生健康局】\n\
        （二）【牵头单位：县水务局】推进农村生活污水治理，到2023年底，农村生活污水治理率达到30%。\n\
        （三）（县住建局牵头，县城管局配合）加强农村生活垃圾治理。\n";
    let (tasks, _) = tasks(text);
    use Role::*;
    assert_eq!(
        roles(&tasks),
        owned(&[
            (
                "一/（一）",
                &[("县农业农村局", Joint), ("县卫生健康局", Joint)]
            ),
            ("一/（二）", &[("县水务局", Lead)]),
            ("一/（三）", &[("县住建局", Lead), ("县城管局", Support)]),
        ])
    );
    assert!(
        tasks[1].text.ends_with("农村生活污水治理率达到30%。"),
        "{:?}",
        tasks[1].text
    );
}

/// A division of duties opens each item with the bodies it charges and a colon; with no duty
/// cue after the colon ("…人民政府：落实属地责任") the bodies before it are still the item's.
/// A colon after words that are no body's name charges nobody.
#[test]
fn bodies_before_a_colon_own_their_item() {
    let text = "某市人民政府办公室关于印发某市重大项目攻坚行动方案的通知\n\
        一、职责分工\n\
        （一）市财政局：负责落实项目建设资金保障。\n\
        （二）各县（市、区）人民政府：落实属地责任，加快项目建设进度。\n\
        （三）市商务局、市税务局：联合开展外贸企业帮扶。\n\
        （四）加强调度：定期通报项目进展情况。\n";
    let (tasks, _) = tasks(text);
    use Role::*;
    assert_eq!(
        roles(&tasks),
        owned(&[
            ("一/（一）", &[("市财政局", Lead)]),
            ("一/（二）", &[("各县（市、区）人民政府", Lead)]),
            ("一/（三）", &[("市商务局", Lead), ("市税务局", Support)]),
            ("一/（四）", &[]),
        ])
    );
}

/// A parenthesis closing a task with a month or the year's end and no year (`6月底前完成`,
/// `年底前完成`, `年内完成`) dates the task in the document's year; recurring and ongoing
/// values keep their completion verb out (`每年开展`, `即日起实施`).
#[test]
fn deadlines_in_the_documents_year() {
    let text = "某市人民政府办公室关于印发某市营商环境优化提升行动方案的通知\n\
        各县（市、区）人民政府，市政府各部门：\n\
        现将方案印发给你们，请认真贯彻落实。\n\
        某市人民政府办公室\n\
        2023年3月1日\n\
        一、重点任务\n\
        （一）建设政务服务平台。（市数据局牵头，年底前完成）\n\
        （二）推行证照分离。（市市场监管局牵头，6月底前完成）\n\
        （三）清理政策文件。（市司法局牵头，年内完成）\n\
        （四）开展营商环境评价。（市发改委牵头，每年开展）\n\
        （五）落实惠企政策。（市财政局牵头，即日起实施）\n";
    let (tasks, _) = tasks(text);
    let got: Vec<(&str, Option<&str>, Option<&str>)> = tasks
        .iter()
        .map(|t| {
            let d = t.deadline.as_ref();
            (
                t.id.as_str(),
                d.map(|d| d.text.as_str()),
                d.and_then(|d| d.by.as_deref()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("一/（一）", Some("年底前"), Some("2023-12-31")),
            ("一/（二）", Some("6月底前"), Some("2023-06-30")),
            ("一/（三）", Some("年内"), Some("2023-12-31")),
            ("一/（四）", Some("每年"), None),
            ("一/（五）", Some("即日起"), None),
        ]
    );
}

fn deadlines(tasks: &[Task]) -> Vec<(&str, Option<&str>, Option<&str>)> {
    tasks
        .iter()
        .map(|t| {
            let d = t.deadline.as_ref();
            (
                t.id.as_str(),
                d.map(|d| d.text.as_str()),
                d.and_then(|d| d.by.as_deref()),
            )
        })
        .collect()
}

const CITY_HEAD: &str = "某某市人民政府办公室关于印发某某市2024年农村人居环境整治工作方案的通知\n\
    各县（市、区）人民政府，市政府各部门：\n\
    现将方案印发给你们，请认真贯彻执行。\n\
    某某市人民政府办公室\n\
    2024年3月5日\n";

/// The time closing a role parenthesis (`（市农业农村局负责，2024年底前完成）`) is the task's
/// deadline, never a body: with 负责 the whole statement was dropped and a prose reading took
/// the sentence up to the bracket as a name (`完成农村户厕改造1万户以上（市农业农村局`); with
/// 牵头 the time became a supporting body.
#[test]
fn the_time_closing_a_role_parenthesis_is_no_body() {
    let text = format!(
        "{CITY_HEAD}一、主要任务\n\
        （一）推进农村厕所革命。完成农村户厕改造1万户以上（市农业农村局负责，2024年底前完成）。\n\
        （二）加强生活垃圾治理。建立收运处置体系（市城市管理局牵头，市财政局配合，下半年完成）。\n\
        （三）开展村庄清洁行动。清理村内积存垃圾（市农业农村局牵头，长期坚持）。\n\
        （四）推进污水治理。开展水质监测（市生态环境局负责，每季度开展）。\n\
        （五）健全管护机制。出台管护办法（市农业农村局、市财政局负责，确保年底前完成）。\n\
        （六）建设监管平台。建成农村人居环境监管平台（市数据局牵头，2024年启动，2025年底前完成）。\n\
        （七）建立长效机制。完善管护制度（市农业农村局牵头，2025年6月底前基本完成，2026年全面完成）。\n"
    );
    let (tasks, _) = tasks(&text);
    use Role::*;
    assert_eq!(
        roles(&tasks),
        owned(&[
            ("一/（一）", &[("市农业农村局", Lead)]),
            (
                "一/（二）",
                &[("市城市管理局", Lead), ("市财政局", Support)]
            ),
            ("一/（三）", &[("市农业农村局", Lead)]),
            ("一/（四）", &[("市生态环境局", Lead)]),
            ("一/（五）", &[("市农业农村局", Joint), ("市财政局", Joint)]),
            ("一/（六）", &[("市数据局", Lead)]),
            ("一/（七）", &[("市农业农村局", Lead)]),
        ])
    );
    assert_eq!(
        deadlines(&tasks),
        [
            ("一/（一）", Some("2024年底前"), Some("2024-12-31")),
            ("一/（二）", Some("下半年"), Some("2024-12-31")),
            ("一/（三）", Some("长期坚持"), None),
            ("一/（四）", Some("每季度"), None),
            ("一/（五）", Some("年底前"), Some("2024-12-31")),
            ("一/（六）", Some("2025年底前"), Some("2025-12-31")),
            // of dated steps, the last; a year with a completion verb is its end
            ("一/（七）", Some("2026年"), Some("2026-12-31")),
        ]
    );
}

/// A sentence's closing clause that is only a time (`…，上半年完成。`, `…，2024年9月底前完成。`)
/// dates the task; a time that opens a later step does not (`…，2025年全面推开。`).
#[test]
fn a_closing_clause_dates_the_task() {
    let text = format!(
        "{CITY_HEAD}一、主要任务\n\
        （一）开展道路交通安全整治。市公安局牵头，市交通运输局配合，上半年完成。\n\
        （二）健全长效机制。由市农业农村局牵头，会同市财政局制定管护办法，2024年9月底前完成。\n\
        （三）推广垃圾分类。市城市管理局负责推进分类投放，逐步扩大覆盖范围，2025年全面推开。\n\
        （四）加强督导考核。市委督查室负责。每半年通报一次。二季度前完成。\n"
    );
    let (tasks, _) = tasks(&text);
    assert_eq!(
        deadlines(&tasks),
        [
            ("一/（一）", Some("上半年"), Some("2024-06-30")),
            ("一/（二）", Some("2024年9月底前"), Some("2024-09-30")),
            ("一/（三）", None, None),
            ("一/（四）", Some("二季度前"), Some("2024-06-30")),
        ]
    );
}

/// `抓好落实` charges the bodies before it, a collective too, beside another clause's body.
#[test]
fn bodies_that_see_to_it() {
    let text = format!(
        "{CITY_HEAD}一、主要任务\n\
        （一）加强生活垃圾治理。市财政局给予经费保障，各县（市、区）人民政府抓好落实。\n\
        （二）推进厕所粪污治理。各县（市、区）人民政府抓好落实。\n"
    );
    let (tasks, _) = tasks(&text);
    let names: Vec<(&str, Vec<&str>)> = tasks
        .iter()
        .map(|t| {
            let names = t.agencies.iter().map(|a| a.mention.as_str()).collect();
            (t.id.as_str(), names)
        })
        .collect();
    assert_eq!(
        names,
        [
            ("一/（一）", vec!["市财政局", "各县（市、区）人民政府"]),
            ("一/（二）", vec!["各县（市、区）人民政府"]),
        ]
    );
}

/// A parenthesis the list reader cannot take (`（市农业农村局负责组织实施）`) is read as prose:
/// its subject opens at the bracket, never with the task's words before it
/// (`完成农村户厕改造1万户以上（市农业农村局`).
#[test]
fn a_prose_subject_opens_at_its_bracket() {
    let text = format!(
        "{CITY_HEAD}一、主要任务\n\
        （一）推进农村厕所革命。完成农村户厕改造1万户以上（市农业农村局负责组织实施）。\n"
    );
    let (tasks, _) = tasks(&text);
    let names: Vec<&str> = tasks[0]
        .agencies
        .iter()
        .map(|a| a.mention.as_str())
        .collect();
    assert_eq!(names, ["市农业农村局"]);
}

/// The departments under a government named as a class (`市直有关部门`, `县直有关单位`) are
/// that government's collective, and `协同推进` supports like 配合.
#[test]
fn departments_under_the_government_and_those_that_work_alongside() {
    let text = format!(
        "{HEAD}一、重点任务\n\
        （一）推进项目审批。推行容缺受理（县发改委牵头，县直有关单位、各乡镇人民政府按职责分工负责）。\n\
        （二）优化水电气服务。县城市管理局牵头，县住房城乡建设局协同推进。\n"
    );
    let (tasks, _) = tasks(&text);
    // (task id, [(name, role, collective)])
    type Named<'a> = (&'a str, Vec<(&'a str, Role, bool)>);
    let got: Vec<Named> = tasks
        .iter()
        .map(|t| {
            let agencies = t
                .agencies
                .iter()
                .map(|a| (a.name.as_str(), a.role, a.collective))
                .collect();
            (t.id.as_str(), agencies)
        })
        .collect();
    use Role::*;
    assert_eq!(
        got,
        [
            (
                "一/（一）",
                vec![
                    ("于都县发展和改革委员会", Lead, false),
                    ("于都县县直有关部门", Support, true),
                    ("于都县各乡镇人民政府", Support, true),
                ]
            ),
            (
                "一/（二）",
                vec![
                    ("于都县城市管理局", Lead, false),
                    ("于都县住房和城乡建设局", Support, false),
                ]
            ),
        ]
    );
}

/// A label in square brackets needs no colon (`【牵头单位】市市场监管局【配合单位】市公安局`),
/// after the task's sentence or on a line of its own.
#[test]
fn labels_in_square_brackets() {
    let text = format!(
        "{CITY_HEAD}一、重点任务\n\
        1.优化开办企业服务。全面推行企业开办“一网通办”。【牵头单位】市市场监管局【配合单位】市公安局、市税务局\n\
        2.提升纳税便利度。压缩纳税时间。\n【牵头单位】市税务局 【配合单位】市财政局\n\
        3.优化不动产登记。推行“交房即交证”。[责任单位]市自然资源局、市住房城乡建设局\n"
    );
    use Role::*;
    assert_roles(
        &text,
        &[
            (
                "一/1",
                &[
                    ("市市场监管局", Lead),
                    ("市公安局", Support),
                    ("市税务局", Support),
                ],
            ),
            ("一/2", &[("市税务局", Lead), ("市财政局", Support)]),
            (
                "一/3",
                &[("市自然资源局", Joint), ("市住房城乡建设局", Joint)],
            ),
        ],
    );
}

/// A task table whose header takes two rows, `责任单位` over `牵头单位 | 配合单位`: the lower row
/// names the roles and is no task; every row keeps its supporting bodies.
#[test]
fn a_header_of_two_rows() {
    let html = "<html><head><meta charset=\"utf-8\"></head><body>\
        <p>赣州市人民政府办公室关于印发赣州市2024年优化营商环境重点任务清单的通知</p>\
        <p>各县（市、区）人民政府，市政府各部门：</p><p>现将清单印发给你们，请认真贯彻执行。</p>\
        <p>赣州市人民政府办公室</p><p>2024年2月20日</p>\
        <table border=\"1\">\
        <tr><td rowspan=\"2\">序号</td><td rowspan=\"2\">重点任务</td><td colspan=\"2\">责任单位</td>\
        <td rowspan=\"2\">完成时限</td></tr>\
        <tr><td>牵头单位</td><td>配合单位</td></tr>\
        <tr><td>1</td><td>推行“高效办成一件事”。</td><td>市数据局</td><td>市直有关部门</td><td>2024年12月底</td></tr>\
        <tr><td>2</td><td>深化“一网通办”。</td><td>市行政审批局</td><td>市数据局</td><td>2024年6月底</td></tr>\
        </table></body></html>";
    let x = page(html);
    use Role::*;
    assert_eq!(
        roles(&x.tasks),
        owned(&[
            (
                "table1/row1",
                &[("市数据局", Lead), ("市直有关部门", Support)]
            ),
            (
                "table1/row2",
                &[("市行政审批局", Lead), ("市数据局", Support)]
            ),
        ])
    );
    let due: Vec<Option<&str>> = x
        .tasks
        .iter()
        .map(|t| t.deadline.as_ref().and_then(|d| d.by.as_deref()))
        .collect();
    assert_eq!(due, [Some("2024-12-31"), Some("2024-06-30")]);
}

/// A numbered row whose one other cell is merged across the task and role columns titles a
/// group of rows ("4 | 以下为要素保障类任务"): no task. A lead merged down over two rows leads
/// both.
#[test]
fn a_numbered_group_title_row() {
    let html = "<html><head><meta charset=\"utf-8\"></head><body>\
        <p>兰州市2023年优化营商环境重点任务清单</p>\
        <table border=\"1\">\
        <tr><th>序号</th><th>任务内容</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr>\
        <tr><td>1</td><td>推行企业登记全程电子化。</td><td rowspan=\"2\">市市场监管局</td><td>各县区市场监管局</td><td>2023年6月底</td></tr>\
        <tr><td>2</td><td>新增市场主体5000户以上。</td><td>各县区人民政府</td><td>2023年12月底</td></tr>\
        <tr><td>3</td><td colspan=\"4\">以下为要素保障类任务</td></tr>\
        <tr><td>4</td><td>压减用水报装时间。</td><td>市住房城乡建设局</td><td>市发展改革委</td><td>持续推进</td></tr>\
        </table></body></html>";
    let x = page(html);
    use Role::*;
    assert_eq!(
        roles(&x.tasks),
        owned(&[
            (
                "table1/row1",
                &[("市市场监管局", Lead), ("各县区市场监管局", Support)]
            ),
            (
                "table1/row2",
                &[("市市场监管局", Lead), ("各县区人民政府", Support)]
            ),
            (
                "table1/row4",
                &[("市住房城乡建设局", Lead), ("市发展改革委", Support)]
            ),
        ])
    );
}

/// A task table saved as text one cell a line (a page run through a tool that writes each
/// cell on a line of its own): one task per row, roles from the columns, a cell the row left
/// empty wrote no line.
#[test]
fn a_table_written_one_cell_a_line() {
    let text = "兰州市2023年数字政府建设重点任务分工\n\n序号\n重点任务\n牵头单位\n配合单位\n完成时限\n\
        1\n推进政务数据共享，2023年底前实现市级部门数据共享率达到90%。\n市大数据局\n市直各部门\n2023年12月底\n\
        2\n建设一体化政务服务平台。\n市政务服务中心\n2023年9月底\n\
        3\n推行“一件事一次办”。\n市行政审批局\n市大数据局、各县区人民政府\n持续推进\n";
    let (tasks, _) = tasks(text);
    use Role::*;
    assert_eq!(
        roles(&tasks),
        owned(&[
            (
                "table1/row1",
                &[("市大数据局", Lead), ("市直各部门", Support)]
            ),
            ("table1/row2", &[("市政务服务中心", Lead)]),
            (
                "table1/row3",
                &[
                    ("市行政审批局", Lead),
                    ("市大数据局", Support),
                    ("各县区人民政府", Support)
                ]
            ),
        ])
    );
    let due: Vec<Option<&str>> = tasks
        .iter()
        .map(|t| t.deadline.as_ref().map(|d| d.text.as_str()))
        .collect();
    assert_eq!(
        due,
        [Some("2023年12月底"), Some("2023年9月底"), Some("持续推进")]
    );
}

/// A unit of a department (`市公安局交警支队`, `县消防救援大队`) is named whole, in prose as in
/// a parenthesis, not cut back to the department.
#[test]
fn units_of_a_department_are_named_whole() {
    let text = format!(
        "{CITY_HEAD}一、主要任务\n\
        （一）开展道路交通安全整治。市公安局交警支队牵头，市交通运输局配合。\n\
        （二）开展消防安全检查（市消防救援支队牵头，市应急管理局配合）。\n"
    );
    use Role::*;
    assert_roles(
        &text,
        &[
            (
                "一/（一）",
                &[("市公安局交警支队", Lead), ("市交通运输局", Support)],
            ),
            (
                "一/（二）",
                &[("市消防救援支队", Lead), ("市应急管理局", Support)],
            ),
        ],
    );
}

/// What a body does between its name and the role verb is no part of its name
/// (`市卫生健康委做好技术指导` names 市卫生健康委).
#[test]
fn what_a_body_does_before_its_role_verb_is_not_its_name() {
    let text = format!(
        "{CITY_HEAD}一、主要任务\n\
        （一）推进农村厕所革命。完成改厕1万户（市农业农村局牵头，市卫生健康委做好技术配合）。\n\
        （二）加强资金保障。统筹涉农资金（市财政局牵头，市农业农村局做好项目储备配合）。\n"
    );
    use Role::*;
    assert_roles(
        &text,
        &[
            (
                "一/（一）",
                &[("市农业农村局", Lead), ("市卫生健康委", Support)],
            ),
            (
                "一/（二）",
                &[("市财政局", Lead), ("市农业农村局", Support)],
            ),
        ],
    );
}

/// Roles stated with 为 (`市公安局、市税务局为配合单位`) and a body that carries out the work
/// (`市住房城乡建设局具体实施`) in running text.
#[test]
fn roles_stated_with_wei_and_bodies_that_carry_out() {
    let text = format!(
        "{CITY_HEAD}一、主要任务\n\
        （一）优化开办企业服务。市市场监管局为牵头单位，市公安局、市税务局为配合单位。\n\
        （二）优化不动产登记。市自然资源局负责，市住房城乡建设局具体实施。\n"
    );
    let (tasks, _) = tasks(&text);
    let names: Vec<(&str, Vec<&str>)> = tasks
        .iter()
        .map(|t| {
            let names = t.agencies.iter().map(|a| a.mention.as_str()).collect();
            (t.id.as_str(), names)
        })
        .collect();
    assert_eq!(
        names,
        [
            ("一/（一）", vec!["市市场监管局", "市公安局", "市税务局"]),
            ("一/（二）", vec!["市自然资源局", "市住房城乡建设局"]),
        ]
    );
    use Role::*;
    let first: Vec<Role> = tasks[0].agencies.iter().map(|a| a.role).collect();
    assert_eq!(first, [Lead, Support, Support]);
}

/// Short labels (`牵头：` / `配合：`), in a parenthesis or on lines of their own, and two labels
/// in one parenthesis separated by a space only (`牵头部门：A 责任部门：B`).
#[test]
fn short_labels_and_labels_apart_by_a_space() {
    let text = format!(
        "{CITY_HEAD}一、主要任务\n\
        （一）提升纳税便利度。压缩纳税时间（牵头：市税务局；配合：市财政局、市人社局）。\n\
        （二）优化不动产登记。推行交房即交证。\n牵头：市自然资源局\n配合：市住房城乡建设局\n\
        （三）强化要素保障。加大用地保障力度（牵头部门：市自然资源局 责任部门：各县（市、区）政府）。\n"
    );
    use Role::*;
    assert_roles(
        &text,
        &[
            (
                "一/（一）",
                &[
                    ("市税务局", Lead),
                    ("市财政局", Support),
                    ("市人社局", Support),
                ],
            ),
            (
                "一/（二）",
                &[("市自然资源局", Lead), ("市住房城乡建设局", Support)],
            ),
            (
                "一/（三）",
                &[("市自然资源局", Lead), ("各县（市、区）政府", Support)],
            ),
        ],
    );
}

/// A time closing a labelled line (`责任单位：A、B，2024年底前完成`) is the task's deadline,
/// not a body, and the line stays with its task.
#[test]
fn the_time_closing_a_labelled_line_is_no_body() {
    let text = format!(
        "{CITY_HEAD}一、重点任务\n\
        （一）建设政务平台。建成一体化平台。\n\
        责任单位：市数据局、市行政审批局，2024年底前完成\n\
        （二）推行证照分离。全面推行告知承诺。\n"
    );
    let (tasks, _) = tasks(&text);
    use Role::*;
    assert_eq!(
        roles(&tasks),
        owned(&[
            // No lead marked anywhere: the first listed leads (the documented convention).
            (
                "一/（一）",
                &[("市数据局", Lead), ("市行政审批局", Support)]
            ),
            ("一/（二）", &[]),
        ])
    );
    assert_eq!(
        deadlines(&tasks)[0],
        ("一/（一）", Some("2024年底前"), Some("2024-12-31"))
    );
}

/// "依职责负责" / "依据职责负责" / "依职责分工负责" share a duty as "按职责分工负责" does, in
/// prose and in a closing parenthesis; after an explicit lead the bodies support.
#[test]
fn duties_by_the_bodies_own_remit() {
    let text = format!(
        "{CITY_HEAD}一、重点任务\n\
        （一）加强网络安全。市委宣传部、市委网信办依职责负责。\n\
        （二）净化网络环境。开展专项整治。（市委宣传部、市公安局依据职责负责）\n\
        （三）规范网络直播。市委网信办、市市场监管局依职责分工负责。\n\
        （四）打击网络谣言。市公安局牵头，市委宣传部、市委网信办依职责负责。\n"
    );
    use Role::*;
    assert_roles(
        &text,
        &[
            ("一/（一）", &[("市委宣传部", Joint), ("市委网信办", Joint)]),
            ("一/（二）", &[("市委宣传部", Joint), ("市公安局", Joint)]),
            (
                "一/（三）",
                &[("市委网信办", Joint), ("市市场监管局", Joint)],
            ),
            (
                "一/（四）",
                &[
                    ("市公安局", Lead),
                    ("市委宣传部", Support),
                    ("市委网信办", Support),
                ],
            ),
        ],
    );
}

/// "由县级以上人民政府民政部门责令改正": the government scopes its department, and the
/// department is the body charged, not the government; "由县人民政府组织…" stays the government.
#[test]
fn a_sanction_by_a_government_s_department() {
    let text = "某某省养老服务条例\n\
        第一章　总则\n\
        第一条　违反本条例规定的，由县级以上人民政府民政部门责令改正，处一万元以上五万元以下罚款。\n\
        第二条　违反本条例规定的，由县级以上地方人民政府卫生健康主管部门给予警告。\n\
        第三条　违反本条例规定的，由县人民政府民政部门责令限期改正。\n\
        第四条　本条例的实施细则由县人民政府组织有关部门制定。\n";
    use Role::*;
    assert_roles(
        text,
        &[
            ("第一章/第一条", &[("县级以上人民政府民政部门", Lead)]),
            (
                "第一章/第二条",
                &[("县级以上地方人民政府卫生健康主管部门", Lead)],
            ),
            ("第一章/第三条", &[("县人民政府民政部门", Lead)]),
            ("第一章/第四条", &[("县人民政府", Lead)]),
        ],
    );
}

/// A task given a range of years ("2024—2025年底前完成", "2024年至2026年完成") is done by the end
/// of the last; a bare range with no completion, like a bare year, is no deadline.
#[test]
fn deadlines_over_a_range_of_years() {
    let text = format!(
        "{CITY_HEAD}一、重点任务\n\
        （一）推广“一件事一次办”。（市行政审批局牵头，2024—2025年底前完成）\n\
        （二）建设城市大脑。（市数据局负责，2024年至2026年完成）\n\
        （三）建设数据中心。（市数据局负责，2024-2025年）\n"
    );
    let (tasks, _) = tasks(&text);
    assert_eq!(
        deadlines(&tasks),
        [
            ("一/（一）", Some("2024—2025年底前"), Some("2025-12-31")),
            ("一/（二）", Some("2024年至2026年"), Some("2026-12-31")),
            ("一/（三）", None, None),
        ]
    );
}

/// A support verb after an adverb and no modal ("B、C积极配合", "B全力配合", "B做好配合工作")
/// makes its bodies support, as "B配合" does; before, the adverb hid them.
#[test]
fn support_verbs_after_an_adverb() {
    let text = format!(
        "{CITY_HEAD}一、重点任务\n\
        （一）强化融资服务。市金融局要牵头建立民营企业融资需求清单，市财政局、市发改委积极配合。\n\
        （二）保障项目用地。市自然资源局牵头做好用地报批，市住建局全力配合。\n\
        （三）做好人才服务。市人社局牵头，市教育局、市科技局等部门做好配合工作。\n"
    );
    use Role::*;
    assert_roles(
        &text,
        &[
            (
                "一/（一）",
                &[
                    ("市金融局", Lead),
                    ("市财政局", Support),
                    ("市发改委", Support),
                ],
            ),
            (
                "一/（二）",
                &[("市自然资源局", Lead), ("市住建局", Support)],
            ),
            (
                "一/（三）",
                &[
                    ("市人社局", Lead),
                    ("市教育局", Support),
                    ("市科技局", Support),
                ],
            ),
        ],
    );
}

/// A bracket closing a unit list that names the lead ("责任单位：A、B（A为牵头单位）") makes that
/// body lead and the others support; a statement about the tasks before it ("（以上任务由A牵头，
/// B配合）") names A, not "以上任务由A", for each task of its group above it that names no body.
#[test]
fn a_list_s_closing_bracket_names_its_lead() {
    let text = format!(
        "{CITY_HEAD}一、优化政务服务\n\
        1.推行“一网通办”。责任单位：市数据资源局、市直各部门（市数据资源局为牵头单位）。\n\
        2.开展公平竞争审查。\n\
        3.清理妨碍统一市场的规定。\n\
        （以上任务由市市场监管局牵头，市直各部门配合）\n"
    );
    let (tasks, _) = tasks(&text);
    let got = roles(&tasks);
    use Role::*;
    assert_eq!(
        got[0],
        owned(&[("一/1", &[("市数据资源局", Lead), ("市直各部门", Support)])])[0]
    );
    let stated = owned(&[("", &[("市市场监管局", Lead), ("市直各部门", Support)])])[0]
        .1
        .clone();
    assert_eq!(
        got[1..],
        [
            ("一/2".to_owned(), stated.clone()),
            ("一/3".to_owned(), stated)
        ]
    );
}

/// An item's number ("二、", "第三十二条　") is no part of the text or the condition of the
/// amounts its first clause holds.
#[test]
fn an_item_s_number_is_no_part_of_its_amounts() {
    let text = format!(
        "{CITY_HEAD}一、支持企业研发\n\
        二、对企业购置研发设备的，按设备投资额的20%给予补助，最高不超过200万元。\n"
    );
    let x = extraction(&text);
    let got: Vec<(&str, Option<&str>)> = x
        .amounts
        .iter()
        .map(|a| (a.text.as_str(), a.condition.as_deref()))
        .collect();
    assert_eq!(
        got,
        [(
            "对企业购置研发设备的，按设备投资额的20%给予补助，最高不超过200万元",
            Some("对企业购置研发设备的")
        )]
    );
    let rule = "第一条　本条例自公布之日起施行。\n第二条　违反本条例第二十条规定的，处五千元以上一万元以下罚款。\n";
    let x = extraction(&format!("某某县旅游条例\n{rule}"));
    let got: Vec<Option<&str>> = x.amounts.iter().map(|a| a.condition.as_deref()).collect();
    assert_eq!(got, [Some("违反本条例第二十条规定的")]);
}

/// A sign set against one name of a list ("县发改局*", "★市发改委"), which the plan's note
/// declares the lead's ("带*的为牵头单位"), makes that body lead and the others support, in a
/// labelled line and in a table's column; the sign is no part of the name.
#[test]
fn a_sign_against_a_name_marks_the_lead() {
    let text = format!(
        "{CITY_HEAD}一、主要任务\n\
        （一）开展营商环境评价。责任单位：市发改委*、市统计局（带*的为牵头单位）\n\
        （二）建设数据中心。责任单位：★市大数据局、市工信局\n"
    );
    let (listed, _) = tasks(&text);
    use Role::*;
    assert_eq!(
        roles(&listed),
        owned(&[
            ("一/（一）", &[("市发改委", Lead), ("市统计局", Support)]),
            ("一/（二）", &[("市大数据局", Lead), ("市工信局", Support)]),
        ])
    );
    let table = format!(
        "{CITY_HEAD}任务分工表（带★的为牵头单位）\n\
        序号\t工作任务\t责任单位\t完成时限\n\
        1\t培育数字企业\t市科技局、市工信局★\t2025年6月\n\
        2\t完善统计监测\t市统计局\t2024年底\n"
    );
    let (rows, _) = tasks(&table);
    assert_eq!(
        roles(&rows),
        owned(&[
            ("table1/row1", &[("市科技局", Support), ("市工信局", Lead)]),
            ("table1/row2", &[("市统计局", Lead)]),
        ])
    );
}

/// Departments named by their field and a head ("公安机关", "农业农村部门"), as regulations
/// and provinces name those of every level, make a list of agencies in a labelled line and in a
/// short parenthesis; a longer parenthesis ending with such a head may be a clause
/// ("（技工院校内由人力资源社会保障行政部门负责）", dev 012): it is no list that would split
/// its task, and the prose reader finds the body the clause charges.
#[test]
fn departments_named_by_their_field_make_a_list() {
    let text = format!(
        "{CITY_HEAD}一、主要任务\n\
        （一）加强犬只登记管理。（公安机关、农业农村部门按职责分工负责）\n\
        （二）规范犬类经营。责任单位：市场监管部门、城市管理部门。\n\
        （三）开展技能评价。技工院校的评价工作（技工院校内由人力资源社会保障行政部门负责）。\n"
    );
    let (listed, _) = tasks(&text);
    use Role::*;
    assert_eq!(
        roles(&listed),
        owned(&[
            (
                "一/（一）",
                &[("公安机关", Lead), ("农业农村部门", Support)]
            ),
            (
                "一/（二）",
                &[("市场监管部门", Lead), ("城市管理部门", Support)]
            ),
            ("一/（三）", &[("人力资源社会保障行政部门", Lead)]),
        ])
    );
}

/// A task list saved as text, a row a line and its cells separated by tabs, whose rows are as
/// wide as each other: the rows stay rows (they were read as a PDF's page lines and joined
/// into one), and a column naming the leading officials (牵头县领导) names no body.
#[test]
fn a_tab_separated_list_of_even_rows_keeps_its_rows() {
    let text = "某某县人民政府办公室关于印发某某县重点项目推进工作任务清单的通知\n\n\
        各乡镇人民政府，县直各单位：\n\n某某县人民政府办公室\n2024年5月6日\n\n\
        序号\t工作任务\t牵头县领导\t牵头单位\t责任单位\t完成时限\n\
        1\t推进工业园区扩区\t张三\t县发改局\t县自然资源局、县住建局\t2024年底\n\
        2\t建设污水处理厂\t李四\t县住建局\t县生态环境分局、城关镇\t2025年6月\n\
        3\t实施农村公路提升\t王五\t县交通运输局\t各乡镇\t持续推进\n";
    let (rows, _) = tasks(text);
    use Role::*;
    assert_eq!(
        roles(&rows),
        owned(&[
            (
                "table1/row1",
                &[
                    ("县发改局", Lead),
                    ("县自然资源局", Support),
                    ("县住建局", Support)
                ]
            ),
            (
                "table1/row2",
                &[
                    ("县住建局", Lead),
                    ("县生态环境分局", Support),
                    ("城关镇", Support)
                ]
            ),
            (
                "table1/row3",
                &[("县交通运输局", Lead), ("各乡镇", Support)]
            ),
        ])
    );
}
