/**
 * Stage 1 of the pipeline: immutable facts the rules reason about. Every fact is a record built by
 * {@code dev.albc.sources} from the live cluster, YAML files or AWS CLI JSON dumps.
 */
package dev.albc.facts;
