"""The pieces of bench/http_bench.py and bench/size_bench.py: throwaway servers, the tokens and
bodies the load sends, wrk runs and their tallies, CPU accounting and the printed tables."""
