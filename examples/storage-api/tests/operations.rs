//! What an operator's Prometheus scrapes from `/metrics`: after a run of
//! mixed requests, `terror_errors_total` has each code's count exactly,
//! and successes count nowhere. (`.ci/run` reads the same text with
//! Python's prometheus-client parser, over HTTP and gRPC.)

mod common;

use std::collections::BTreeMap;

use common::send;

#[tokio::test]
async fn metrics_count_each_error_by_code_and_status() {
    storage_api::telemetry::install_metrics().unwrap();
    let plan: [(&str, &str, usize); 6] = [
        ("GET", "/volumes/no-such-volume", 3),
        ("GET", "/no/such/route", 2),
        ("PATCH", "/volumes", 1),
        ("GET", "/volumes/scratch/usage", 1),
        ("GET", "/volumes", 4),
        ("GET", "/volumes/db-01", 2),
    ];
    let mut sent: BTreeMap<(String, u16), u64> = BTreeMap::new();
    for (method, uri, times) in plan {
        for _ in 0..times {
            let reply = send(method, uri, &[], None).await;
            if let Some(code) = reply.body.get("code").and_then(|c| c.as_str()) {
                *sent
                    .entry((code.to_owned(), reply.status.as_u16()))
                    .or_default() += 1;
            }
        }
    }
    assert_eq!(sent.values().sum::<u64>(), 7, "{sent:?}");
    assert!(
        sent.contains_key(&("http.internal_server_error".to_owned(), 500)),
        "{sent:?}"
    );

    let text = send("GET", "/metrics", &[], None).await.raw;
    let mut counted: BTreeMap<(String, u16), u64> = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| l.starts_with("terror_errors_total{"))
    {
        let (series, value) = line.rsplit_once(' ').unwrap();
        let labels: BTreeMap<&str, &str> = series["terror_errors_total{".len()..series.len() - 1]
            .split(',')
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap();
                (name, value.trim_matches('"'))
            })
            .collect();
        assert_eq!(labels["transport"], "http", "{line}");
        let key = (labels["code"].to_owned(), labels["status"].parse().unwrap());
        counted.insert(key, value.parse().unwrap());
    }
    assert_eq!(counted, sent, "{text}");
}
