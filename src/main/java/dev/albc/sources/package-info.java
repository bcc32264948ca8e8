/**
 * Sources: turn Kubernetes manifests ({@link dev.albc.sources.ManifestReader}), AWS CLI JSON dumps
 * ({@link dev.albc.sources.AwsFactsReader}) and controller flags ({@link
 * dev.albc.sources.SettingsFlags}) into the fact records of {@code dev.albc.facts}. Kubernetes
 * objects are read with the official client's models and mapped to facts by MapStruct mappers.
 * Every list of facts is sorted, so the same objects in any order give equal facts; unreadable
 * input throws {@link dev.albc.sources.InputException} and nothing partial is returned.
 */
package dev.albc.sources;
