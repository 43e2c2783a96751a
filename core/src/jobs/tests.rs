//! Tests of the page–worker messages: each side writes and reads them as the derive does,
//! and the worker's answers.

use super::wire::{answer_message_text, job_body, read};
use super::*;
use crate::codec::plan_file;
use crate::codec::plan_file::to_json;
use crate::plan::Plan;
use crate::presets;

fn every_job() -> [Job; 8] {
    [
        Job::ReadPlan {
            text: "a \"plan\"\n".into(),
        },
        Job::WritePlan {
            plan: "{}".into(),
            format: Format::Yaml,
            results: true,
        },
        Job::WritePlan {
            plan: "{}".into(),
            format: Format::Json,
            results: false,
        },
        Job::Deploy {
            plan: "{}".into(),
            kind: Deploy::Compose,
            scenario: 2,
            month: 12,
            sized: None,
        },
        Job::Deploy {
            plan: "{}".into(),
            kind: Deploy::Kubernetes,
            scenario: 0,
            month: 1,
            sized: Some(crate::export::SizedFor {
                pct: 90.0,
                trials: 2000,
                app_instances: 7,
                database_connections: 153,
                database_tier: 2,
                redis_plan: 9,
                gpu_nodes: 3,
            }),
        },
        Job::Deploy {
            plan: "{}".into(),
            kind: Deploy::Helm,
            scenario: 1,
            month: 3,
            sized: None,
        },
        Job::WriteCatalog {
            plan: "{}".into(),
            catalog: "redis".into(),
        },
        Job::ReadCatalog {
            plan: "{}".into(),
            catalog: "instances".into(),
            text: "name,vcpu\r\n\"a, b\",2".into(),
        },
    ]
}

#[test]
fn the_page_writes_every_job_as_the_derive_does() {
    for job in every_job() {
        let derived = serde_json::to_string(&Message {
            id: 7,
            protocol: PROTOCOL,
            body: &job,
        })
        .unwrap();
        assert_eq!(job_text(7, &job), derived);
    }
}

#[test]
fn the_worker_reads_every_job_and_writes_every_answer_as_the_derive_does() {
    for job in every_job() {
        let text = job_text(7, &job);
        let by_hand = read(&text, job_body);
        assert_eq!(by_hand, serde_json::from_str::<Message<Job>>(&text).ok());
        assert!(by_hand.is_some(), "{text}");
        for altered in [
            text.replace("\"id\":7", "\"id\":-7"),
            text.replace("\"protocol\"", "\"version\""),
            text.replace("\"plan\":\"", "\"plan\":7,\"x\":\""),
            text.replace("\"Yaml\"", "\"yaml\""),
            text.replace("\"compose\"", "\"Compose\""),
            text.replace("\"month\":12", "\"month\":-12"),
            text.replace("\"results\":true", "\"results\":1"),
            text.replace("{\"id\"", "[{\"id\"") + "]",
            text.replace("\"body\":{\"", "\"body\":{\"other"),
        ] {
            if altered != text {
                assert_eq!(read(&altered, job_body), None, "{altered}");
                assert!(
                    serde_json::from_str::<Message<Job>>(&altered).is_err(),
                    "{altered}"
                );
            }
        }
    }
    for body in [
        Answer::Plan { json: "{}".into() },
        Answer::Edited {
            json: "{}".into(),
            summary: "2 Redis plans read.".into(),
        },
        Answer::Unreadable {
            message: "a \"b\"".into(),
        },
        Answer::File {
            name: "n".into(),
            text: "t\n".into(),
        },
        Answer::Failed {
            message: "f".into(),
        },
    ] {
        let derived = serde_json::to_string(&Message {
            id: 9,
            protocol: PROTOCOL,
            body: &body,
        })
        .unwrap();
        assert_eq!(answer_message_text(9, &body), derived);
    }
}

#[test]
fn the_page_reads_every_answer_as_the_derive_does() {
    let answers = [
        Answer::Plan { json: "{}".into() },
        Answer::Edited {
            json: "{}".into(),
            summary: "s".into(),
        },
        Answer::Unreadable {
            message: "a".into(),
        },
        Answer::File {
            name: "n".into(),
            text: "t".into(),
        },
        Answer::Failed {
            message: "f".into(),
        },
    ];
    for body in answers {
        let text = serde_json::to_string(&Message {
            id: 9,
            protocol: PROTOCOL,
            body,
        })
        .unwrap();
        let by_hand = read_answer(&text);
        assert_eq!(by_hand, serde_json::from_str::<Message<Answer>>(&text).ok());
        assert!(by_hand.is_some(), "{text}");
        for altered in [
            text.replace("\"id\":9", "\"id\":-9"),
            text.replace("\"protocol\"", "\"version\""),
            text.replace("\":\"", "\":7,\"x\":\""),
            text.replace("{\"id\"", "[{\"id\"") + "]",
            text.replace("\"body\":{\"", "\"body\":{\"other"),
        ] {
            assert_ne!(altered, text);
            assert_eq!(read_answer(&altered), None, "{altered}");
            assert!(
                serde_json::from_str::<Message<Answer>>(&altered).is_err(),
                "{altered}"
            );
        }
    }
}

fn ask(job: Job) -> Answer {
    let text = serde_json::to_string(&Message {
        id: 7,
        protocol: PROTOCOL,
        body: job,
    })
    .unwrap();
    let reply = read_answer(&answer_text(&text)).unwrap();
    assert_eq!((reply.id, reply.protocol), (7, PROTOCOL));
    reply.body
}

#[test]
fn a_yaml_file_is_read_into_the_json_plan_the_page_opens() {
    let plan = presets::TEMPLATES[1].build();
    let yaml = plan_file::to_yaml(&plan).unwrap();
    let Answer::Plan { json } = ask(Job::ReadPlan { text: yaml }) else {
        panic!("not read")
    };
    assert_eq!(plan_file::import_json(&json).unwrap(), plan);
}

#[test]
fn an_unreadable_file_says_why() {
    let answer = ask(Job::ReadPlan {
        text: "headroom_plan: 7\nplan: {}\n".to_owned(),
    });
    let Answer::Unreadable { message } = answer else {
        panic!("read")
    };
    assert!(message.contains("newer Headroom"), "{message}");
}

#[test]
fn plan_files_and_deployments_are_written_from_the_json_plan() {
    let plan = presets::TEMPLATES[1].build();
    let json = to_json(&plan).unwrap();
    for format in [Format::Yaml, Format::Json] {
        let Answer::File { text, .. } = ask(Job::WritePlan {
            plan: json.clone(),
            format,
            results: true,
        }) else {
            panic!("not written")
        };
        assert_eq!(plan_file::import(&text).unwrap(), plan);
    }
    for kind in [Deploy::Compose, Deploy::Kubernetes, Deploy::Helm] {
        let Answer::File { name, text } = ask(Job::Deploy {
            plan: json.clone(),
            kind,
            scenario: 0,
            month: 12,
            sized: None,
        }) else {
            panic!("not written")
        };
        assert!(name.ends_with(kind.extension()), "{name}");
        assert!(text.contains(&format!("# plan: {}", plan.name)), "{text}");
    }
}

#[test]
fn a_month_outside_the_plan_or_an_invalid_plan_fails_in_words() {
    let json = to_json(&Plan::default()).unwrap();
    let Answer::Failed { message } = ask(Job::Deploy {
        plan: json,
        kind: Deploy::Compose,
        scenario: 9,
        month: 1,
        sized: None,
    }) else {
        panic!("written")
    };
    assert!(message.contains("scenario"), "{message}");
    let Answer::Failed { message } = ask(Job::WritePlan {
        plan: "{".to_owned(),
        format: Format::Yaml,
        results: false,
    }) else {
        panic!("written")
    };
    assert!(message.contains("JSON"), "{message}");
}

#[test]
fn another_protocol_or_no_message_at_all_asks_for_a_reload() {
    for text in ["{\"id\": 2, \"protocol\": 999, \"body\": {}}", "not json"] {
        let reply: Message<Answer> = serde_json::from_str(&answer_text(text)).unwrap();
        let Answer::Failed { message } = reply.body else {
            panic!("answered")
        };
        assert!(message.contains("reload"), "{message}");
    }
}

#[test]
fn a_catalog_goes_out_as_a_table_and_comes_back() {
    let mut plan = crate::plan::Plan::default();
    plan.catalogs.redis[0].region = "eu-west-1".into();
    let json = to_json(&plan).unwrap();
    let Answer::File { name, text } = answer(Job::WriteCatalog {
        plan: json.clone(),
        catalog: "redis".into(),
    }) else {
        panic!("no table")
    };
    assert_eq!(name, "new-plan-redis-plans.csv");
    let edited = text.replacen("eu-west-1", "eu-central-1", 1);
    let Answer::Edited {
        json: read,
        summary,
    } = answer(Job::ReadCatalog {
        plan: json.clone(),
        catalog: "redis".into(),
        text: edited,
    })
    else {
        panic!("not read")
    };
    assert_eq!(
        summary,
        format!("{} Redis plans read.", plan.catalogs.redis.len())
    );
    let read = plan_file::import_json(&read).unwrap();
    assert_eq!(read.catalogs.redis[0].region, "eu-central-1");
    let refused = answer(Job::ReadCatalog {
        plan: json.clone(),
        catalog: "redis".into(),
        text: "name,memory_gb\nx,lots\n".into(),
    });
    assert_eq!(
        refused,
        Answer::Unreadable {
            message: "Line 2, memory_gb: \"lots\" is not a number".into()
        }
    );
    assert!(matches!(
        answer(Job::WriteCatalog {
            plan: json,
            catalog: "disks".into()
        }),
        Answer::Failed { .. }
    ));
}
