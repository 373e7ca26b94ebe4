//! An independent check of what generated clients send: every operation of the Decart spec
//! and of the real specs in `spec/real/` goes to Stoplight Prism running as a validating
//! mock of that spec on 127.0.0.1. Prism reports each way a request breaks its spec in an
//! `sl-violations` response header; a hook on each client collects them, and there must be
//! none. Prism is installed with npm on first use, under `target/prism`.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

const PRISM_VERSION: &str = "5.16.0";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `prism` executable, installed once per machine.
fn prism() -> &'static Path {
    static PRISM: OnceLock<PathBuf> = OnceLock::new();
    PRISM.get_or_init(|| {
        let dir = root().join("target/prism");
        let bin = dir.join("node_modules/.bin/prism");
        let installed =
            Command::new(&bin).arg("--version").output().is_ok_and(|o| o.stdout.starts_with(PRISM_VERSION.as_bytes()));
        if !installed {
            std::fs::create_dir_all(&dir).expect("create target/prism");
            let package = format!("@stoplight/prism-cli@{PRISM_VERSION}");
            let output = Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
                .arg(&dir)
                .arg(&package)
                .output()
                .expect("npm runs (Node.js and npm are needed to install Prism)");
            assert!(
                output.status.success(),
                "npm install {package} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        bin
    })
}

/// Prism mocking one spec, stopped when dropped.
struct Prism {
    child: Child,
    url: String,
}

impl Prism {
    /// `dynamic`: generate responses from the schemas (with a fixed seed) rather than take
    /// the spec's examples, which real specs often get wrong; Prism cannot generate event
    /// streams, though.
    fn start(spec: &Path, dynamic: bool) -> Self {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let log_dir = root().join("target/prism/logs");
        std::fs::create_dir_all(&log_dir).expect("log dir");
        let log_path = log_dir.join(format!("{}.log", spec.file_stem().expect("name").to_string_lossy()));
        let log = std::fs::File::create(&log_path).expect("log file");
        let child = Command::new(prism())
            .args(["mock", "--errors", "--seed", "1", "--host", "127.0.0.1", "--port", &port.to_string()])
            .args(dynamic.then_some("--dynamic"))
            .arg(spec)
            .stdout(log.try_clone().expect("log handle"))
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .expect("prism starts");
        let mut prism = Self { child, url: format!("http://127.0.0.1:{port}") };
        let deadline = Instant::now() + Duration::from_secs(120);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            let exited = prism.child.try_wait().expect("prism status");
            if exited.is_some() || Instant::now() > deadline {
                panic!("prism did not start: {}", std::fs::read_to_string(&log_path).unwrap_or_default());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        prism
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What Prism reported about requests and responses, one entry per violation.
#[derive(Clone, Default)]
struct Violations(Arc<Mutex<Vec<Violation>>>);

#[derive(Debug, serde::Deserialize)]
struct Violation {
    location: Vec<String>,
    message: String,
    #[serde(skip)]
    request: String,
}

impl Violation {
    /// Prism 5 reads a repeated key in a form body as one value, so an array sent the way
    /// OpenAPI's default for forms (`style: form, explode: true`) says, `a=1&a=2`, is
    /// reported as not an array: stoplightio/prism#2473. Everything else still counts.
    fn is_prism_form_array_gap(&self) -> bool {
        self.location.iter().any(|part| part == "body")
            && self.message.starts_with("Request body property")
            && self.message.ends_with("must be array")
    }
}

impl Violations {
    fn record(&self, response: &reqwest::Response) {
        let Some(header) = response.headers().get("sl-violations") else { return };
        let mut found: Vec<Violation> = serde_json::from_slice(header.as_bytes()).expect("Prism reports JSON");
        for violation in &mut found {
            violation.request = format!("{} -> {}", response.url(), response.status());
        }
        self.0.lock().expect("not poisoned").extend(found);
    }

    /// A request Prism refused with an undocumented status lists its violations in the
    /// problem body instead of the header.
    fn record_problem(&self, body: &[u8]) {
        #[derive(serde::Deserialize)]
        struct Problem {
            validation: Vec<Violation>,
        }
        let problem: Problem = serde_json::from_slice(body).expect("Prism's problem body lists its validation");
        self.0.lock().expect("not poisoned").extend(problem.validation);
    }

    /// The last request was refused only because of Prism's form array gap.
    fn refused_for_form_array_gap(&self) -> bool {
        let found = self.0.lock().expect("not poisoned");
        found.last().is_some_and(Violation::is_prism_form_array_gap)
    }

    fn assert_none(&self) {
        let found = self.0.lock().expect("not poisoned");
        let real: Vec<String> = found
            .iter()
            .filter(|v| !v.is_prism_form_array_gap())
            .map(|v| format!("{}: {} {}", v.request, v.location.join("."), v.message))
            .collect();
        assert!(real.is_empty(), "Prism found requests or responses that break the spec:\n{}", real.join("\n"));
    }
}

/// Each generated crate has its own `Hook` trait.
macro_rules! violations_hook {
    ($($krate:path),*) => {$(
        impl $krate for Violations {
            fn on_response(&self, response: &reqwest::Response) {
                self.record(response);
            }
        }
    )*};
}

violations_hook!(
    decart_api::Hook,
    super::real_twilio_numbers::Hook,
    super::real_adyen_grants::Hook,
    super::real_discourse::Hook,
    super::real_mercure::Hook
);

#[tokio::test]
async fn decart_requests_pass_prism_validation() {
    use decart_api::models::ClientTokenRequest;
    let prism = Prism::start(&root().join("spec/openapi.json"), true);
    let violations = Violations::default();
    let client = decart_api::Client::new(prism.url.as_str())
        .expect("client")
        .with_x_api_key("sk-test")
        .with_hook(violations.clone());
    let request = ClientTokenRequest {
        expires_in: Some(120),
        allowed_models: Some(vec!["lucy".to_owned()]),
        ..Default::default()
    };
    client.create_client_token(None, Some(&request)).await.expect("a documented success");
    client.create_client_token_builder().send().await.expect("no body is valid too");
    violations.assert_none();
}

#[tokio::test]
async fn twilio_requests_pass_prism_validation() {
    use super::real_twilio_numbers::{Client, models::CreatePortingBulkPortabilityBody};
    let prism = Prism::start(&root().join("spec/real/twilio-numbers.json"), true);
    let violations = Violations::default();
    let client = Client::new(prism.url.as_str())
        .expect("client")
        .with_account_sid_auth_token("AC00000000000000000000000000000000", "token")
        .with_hook(violations.clone());
    let hex = "0123456789abcdef0123456789abcdef";
    client.fetch_bulk_eligibility(&format!("EC{hex}")).await.expect("eligibility");
    client.fetch_porting_port_in_fetch(&format!("KW{hex}")).await.expect("port-in request");
    let numbers =
        CreatePortingBulkPortabilityBody { phone_numbers: vec!["+16175551212".to_owned(), "+14155550100".to_owned()] };
    let outcome = client.create_porting_bulk_portability(Some(&numbers)).await;
    if let Err(super::real_twilio_numbers::Error::UnexpectedStatus(response)) = &outcome {
        violations.record_problem(response.body());
    }
    assert!(outcome.is_ok() || violations.refused_for_form_array_gap(), "bulk portability: {outcome:?}");
    client.fetch_porting_portability("+16175551212", Some(&format!("AC{hex}"))).await.expect("portability");
    client.fetch_porting_bulk_portability(&format!("KZ{hex}")).await.expect("bulk portability check");
    violations.assert_none();
}

#[tokio::test]
async fn adyen_requests_pass_prism_validation() {
    use super::real_adyen_grants::{Client, models::CapitalGrantInfo};
    let prism = Prism::start(&root().join("spec/real/adyen-grants.json"), true);
    let violations = Violations::default();
    let with_key =
        Client::new(prism.url.as_str()).expect("client").with_api_key_auth("key").with_hook(violations.clone());
    let with_basic = Client::new(prism.url.as_str())
        .expect("client")
        .with_basic_auth("ws@Company", "pass")
        .with_hook(violations.clone());
    with_key.get_grants(Some("AH00000000000000000000001")).await.expect("grants");
    with_basic.get_grants(None).await.expect("grants, basic auth");
    let grant = CapitalGrantInfo {
        counterparty: None,
        grant_account_id: "CG00000000000000000000001".to_owned(),
        grant_offer_id: "0000000000000001".to_owned(),
    };
    with_key.post_grants(Some(&grant)).await.expect("new grant");
    with_key.get_grants_id("GR00000000000000000000001").await.expect("one grant");
    violations.assert_none();
}

#[tokio::test]
async fn mercure_requests_pass_prism_validation() {
    use super::real_mercure::{Client, models::PostWellKnownMercureBody};
    let prism = Prism::start(&root().join("spec/real/mercure.json"), false);
    let violations = Violations::default();
    let bearer = Client::new(prism.url.as_str()).expect("client").with_bearer("jwt").with_hook(violations.clone());
    let cookie = Client::new(prism.url.as_str()).expect("client").with_cookie("jwt").with_hook(violations.clone());
    let topics = ["https://example.com/books/1".to_owned(), "https://example.com/books/{id}".to_owned()];
    bearer.get_well_known_mercure(&topics, Some("urn:uuid:1"), None).await.expect("subscription");
    cookie.get_well_known_mercure(&topics[..1], None, Some("urn:uuid:2")).await.expect("subscription, cookie auth");
    let update = PostWellKnownMercureBody {
        data: "{\"title\": \"new\"}".to_owned(),
        id: Some("urn:uuid:3".to_owned()),
        private: Some(true),
        retry: Some(1000),
        topic: topics.to_vec(),
        r#type: Some("update".to_owned()),
    };
    let outcome = bearer.post_well_known_mercure(Some(&update)).await;
    assert!(outcome.is_ok() || violations.refused_for_form_array_gap(), "publish: {outcome:?}");
    bearer.get_well_known_mercure_subscriptions().await.expect("subscriptions");
    bearer.get_well_known_mercure_subscriptions_by_topic("https%3A%2F%2Fexample.com").await.expect("by topic");
    bearer.get_well_known_mercure_subscriptions_by_topic_by_subscriber("t", "s").await.expect("by subscriber");
    violations.assert_none();
}

/// Discourse's spec is 3.1 throughout, its nullable properties written `type: [X, "null"]`:
/// Prism generates responses from those schemas (nulls included), so each call below also
/// checks that the generated models read what the spec allows.
#[tokio::test]
async fn discourse_requests_pass_prism_validation() {
    use super::real_discourse::models::{
        CreateCategoryBody, CreateCategoryBodyPermissions, CreateTagGroupBody, CreateTopicPostPmBody, CreateUploadForm,
        CreateUploadFormType, CreateUserBody, DeletePostBody, PerformPostActionBody, SetNotificationLevelBody,
        SetNotificationLevelBodyNotificationLevel, UpdateTopicStatusBody, UpdateTopicStatusBodyEnabled,
        UpdateTopicStatusBodyStatus,
    };
    use super::real_discourse::{Client, FilePart};
    let prism = Prism::start(&root().join("spec/real/discourse.json"), true);
    let violations = Violations::default();
    // Api-Key and Api-Username, declared by a quarter of the operations, are held on the
    // client; Prism rejects a call that declares them and lacks them.
    let client = Client::new(prism.url.as_str())
        .expect("client")
        .with_api_key("key")
        .with_api_username("system")
        .with_hook(violations.clone());
    client.get_site().await.expect("site");
    client.list_categories(Some(true)).await.expect("categories");
    client.get_category(1).await.expect("category");
    client.list_category_topics("general", 1).await.expect("category topics");
    client.list_latest_topics(None, None, Some("created"), None).await.expect("latest topics");
    client.get_topic("1", Some("another-key"), None).await.expect("topic");
    client.get_post("1").await.expect("post");
    client.list_posts(None, None, None).await.expect("posts");
    client.search(Some("rust"), Some(1)).await.expect("search");
    client.list_tags().await.expect("tags");
    client.list_tag_groups().await.expect("tag groups");
    client.get_user("system", None, None).await.expect("user");
    client.list_user_badges("system").await.expect("user badges");
    client.list_groups().await.expect("groups");
    client.get_notifications().await.expect("notifications");
    client.get_backups().await.expect("backups");

    let topic = CreateTopicPostPmBody {
        title: Some("Generated clients".to_owned()),
        raw: "Typed from the spec.".to_owned(),
        category: Some(1),
        archetype: None,
        created_at: None,
        embed_url: None,
        external_id: None,
        target_recipients: None,
        target_usernames: None,
        topic_id: None,
    };
    client.create_topic_post_pm(Some(&topic)).await.expect("new topic");
    let category = CreateCategoryBody {
        name: "Clients".to_owned(),
        color: Some("49d9e9".to_owned()),
        permissions: Some(CreateCategoryBodyPermissions { everyone: Some(1), ..Default::default() }),
        allow_badges: None,
        form_template_ids: None,
        parent_category_id: None,
        search_priority: None,
        slug: None,
        text_color: None,
        topic_featured_links_allowed: None,
    };
    client.create_category(Some(&category)).await.expect("new category");
    client.create_tag_group(Some(&CreateTagGroupBody { name: "languages".to_owned() })).await.expect("tag group");
    let status = UpdateTopicStatusBody {
        status: UpdateTopicStatusBodyStatus::Closed,
        enabled: UpdateTopicStatusBodyEnabled::True,
        until: None,
    };
    client.update_topic_status("1", None, None, Some(&status)).await.expect("topic status");
    let level = SetNotificationLevelBody { notification_level: SetNotificationLevelBodyNotificationLevel::V3 };
    client.set_notification_level("1", None, None, Some(&level)).await.expect("notification level");
    let action = PerformPostActionBody { id: 1, post_action_type_id: 2, flag_topic: None };
    client.perform_post_action(None, None, Some(&action)).await.expect("post action");
    client.delete_post(1, Some(&DeletePostBody { force_destroy: Some(true) })).await.expect("deleted post");
    let new_user = CreateUserBody {
        name: "Ferris".to_owned(),
        email: "ferris@example.com".to_owned(),
        password: "correct horse battery staple".to_owned(),
        username: "ferris".to_owned(),
        active: Some(true),
        approved: None,
        external_ids: None,
        user_fields_1: None,
    };
    client.create_user(None, None, Some(&new_user)).await.expect("new user");
    // `file` has no schema type, which OpenAPI sends as application/octet-stream.
    let upload = CreateUploadForm {
        r#type: CreateUploadFormType::Composer,
        file: Some(FilePart::bytes(vec![0x89, b'P', b'N', b'G']).file_name("logo.png").content_type("image/png")),
        synchronous: Some(true),
        user_id: None,
    };
    client.create_upload(Some(upload)).await.expect("upload");
    violations.assert_none();
}
