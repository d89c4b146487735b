"""Development support shared by the tests and the scripts, never imported by `app`.

`launch` runs the service in a child process, `load` sends concurrent requests and
summarises latencies, `memory` reads a process's resident memory, `synthetic` makes
vectors, texts and indexes at any size, and `bench` holds the benchmark's sections.
"""
