"""python -m bench --list | python -m bench NAME [--size N]: the result is the last line, one JSON object."""

import argparse
import importlib
import json
import pkgutil
import sys

import bench
from bench.harness import BENCHMARKS, run_benchmark


def load_benchmarks() -> None:
    """Import every module of the package, which registers the benchmarks it defines."""
    for module in pkgutil.iter_modules(bench.__path__):
        if module.name not in {"__main__", "harness"}:
            importlib.import_module(f"bench.{module.name}")


def main(argv: list[str] | None = None) -> int:
    load_benchmarks()
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="运行一项基准测试，最后一行输出一个 JSON 对象。"
    )
    parser.add_argument("name", nargs="?", choices=sorted(BENCHMARKS), help="基准测试名称")
    parser.add_argument("--size", type=int, help="规模（次数等），默认由各项基准测试决定")
    parser.add_argument("--list", action="store_true", help="列出全部基准测试")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="保留该规模的基准数据库，下次直接复用（只用于数据生成较慢的基准测试，如 overview）",
    )
    args = parser.parse_args(argv)

    if args.list:
        width = max(map(len, BENCHMARKS))
        for name in sorted(BENCHMARKS):
            print(f"{name:<{width}}  {BENCHMARKS[name].description}")
        return 0
    if args.name is None:
        parser.error("请给出基准测试名称（--list 列出全部）")

    result = run_benchmark(args.name, args.size, keep=args.keep)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
