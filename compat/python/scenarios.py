#!/usr/bin/env python3
"""Compatibility scenarios: dtm's official Python SDK (PyPI `dtmcli`) against this project's coordinator.

Every transaction is built and sent with the SDK's own API (saga.Saga, tcc.tcc_global_transaction and
Tcc.call_branch, msg.Msg prepare/submit/do_and_submit, utils.gen_gid, barrier.BranchBarrier); the business
service the coordinator calls back is a standard-library ThreadingHTTPServer on 127.0.0.1 that records every
call. Each scenario polls GET /query until the transaction is final (bounded deadline), then checks the final
status, the branch rows and the business calls seen.

Usage: scenarios.py [--dtm URL] [--mysql HOST:PORT:USER:PASSWORD] [-v]
  --dtm    the coordinator's API, e.g. http://127.0.0.1:36789/api/dtmsvr (env DTM_URL)
  --mysql  MariaDB/MySQL for the dtmcli.barrier scenarios (env DTM_PY_MYSQL); without it they are not run.
The msg back-check scenarios need a coordinator with short timeout-to-fail / retry-interval / cron-interval
(run.sh starts one with 4s / 1s / 1s); --msg-deadline bounds how long they wait (default 40 s).
Prints one line per scenario and, last, "N passed, M failed"; exits 1 if any failed.
"""

import argparse
import io
import json
import os
import sys
import threading
import time
import traceback
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
from dtmcli import barrier, msg, saga, tcc, utils

OUT = sys.stdout  # the report; the SDK's own prints and tracebacks go to a per-scenario buffer

FINAL = ("succeed", "failed")


class Busi:
    """The business service: records calls, answers with the result set for (gid, route), default SUCCESS."""

    def __init__(self, mysql=None):
        self.lock = threading.Lock()
        self.calls = []  # dicts: name, method, gid, trans_type, branch_id, op, body
        self.executed = []  # (gid, name, op): business code that ran inside a barrier
        self.results = {}  # (gid, name) -> "SUCCESS" | "FAILURE" | "ONGOING" | "ERROR"
        self.mysql = mysql
        busi = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                self.handle_call()

            def do_POST(self):
                self.handle_call()

            def handle_call(self):
                u = urllib.parse.urlsplit(self.path)
                q = {k: v[-1] for k, v in urllib.parse.parse_qs(u.query).items()}
                n = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(n) if n else b""
                name = u.path.rsplit("/", 1)[-1]
                call = {"name": name, "method": self.command, "gid": q.get("gid", ""),
                        "trans_type": q.get("trans_type", ""), "branch_id": q.get("branch_id", ""),
                        "op": q.get("op", ""), "body": raw.decode("utf-8", "replace"),
                        "content_type": self.headers.get("Content-Type", "")}
                with busi.lock:
                    busi.calls.append(call)
                    result = busi.results.get((call["gid"], name), "SUCCESS")
                try:
                    if name.startswith("B"):
                        busi.barrier_call(call, result)
                    elif result != "SUCCESS":
                        raise _Result(result)
                    self.reply(200, {"dtm_result": "SUCCESS"})
                except _Result as r:
                    self.reply(*r.http())
                except utils.DTMFailureError as e:
                    self.reply(409, {"dtm_result": "FAILURE", "message": str(e)})
                except Exception as e:  # noqa: BLE001 - any other error is a 500, which dtm retries
                    self.reply(500, {"message": repr(e)})

            def reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = "http://127.0.0.1:%d/api/busi" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, name):
        return self.base + "/" + name

    def set_result(self, gid, name, result):
        with self.lock:
            self.results[(gid, name)] = result

    def calls_of(self, gid):
        with self.lock:
            return [c for c in self.calls if c["gid"] == gid]

    def executed_of(self, gid):
        with self.lock:
            return [(n, op) for g, n, op in self.executed if g == gid]

    # --- dtmcli.barrier on MariaDB -------------------------------------------------------------------------
    def connect(self):
        import pymysql  # dtmcli declares it; only the barrier scenarios need it
        host, port, user, password = self.mysql
        return pymysql.connect(host=host, port=int(port), user=user, password=password, autocommit=False)

    def barrier_call(self, call, result):
        conn = self.connect()
        try:
            cursor = conn.cursor()
            bb = barrier.BranchBarrier(call["trans_type"], call["gid"], call["branch_id"], call["op"])
            if call["name"] == "BQueryPrepared":
                bb.query_prepared(cursor)  # raises DTMFailureError when the back-check wins
                return

            def busi_code(cur):
                cur.execute("select 1")
                cur.fetchall()
                with self.lock:
                    self.executed.append((call["gid"], call["name"], call["op"]))
                if result == "FAILURE":
                    raise utils.DTMFailureError("business refused")
                if result != "SUCCESS":
                    raise _Result(result)

            bb.call(cursor, busi_code)
        finally:
            conn.close()

    def close(self):
        self.server.shutdown()


class _Result(Exception):
    def __init__(self, result):
        super().__init__(result)
        self.result = result

    def http(self):
        return {"FAILURE": (409, {"dtm_result": "FAILURE", "message": "busi FAILURE"}),
                "ONGOING": (425, {"dtm_result": "ONGOING", "message": "busi ONGOING"})}.get(
            self.result, (500, {"message": "busi error"}))


BARRIER_DDL = [
    "CREATE DATABASE IF NOT EXISTS dtm_barrier /*!40100 DEFAULT CHARACTER SET utf8mb4 */",
    """CREATE TABLE IF NOT EXISTS dtm_barrier.barrier (
  id bigint(22) PRIMARY KEY AUTO_INCREMENT,
  trans_type varchar(45) default '',
  gid varchar(128) default '',
  branch_id varchar(128) default '',
  op varchar(45) default '',
  barrier_id varchar(45) default '',
  reason varchar(45) default '' comment 'the branch type who insert this record',
  create_time datetime DEFAULT now(),
  update_time datetime DEFAULT now(),
  key(create_time),
  key(update_time),
  UNIQUE key(gid, branch_id, op, barrier_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4""",
]


class Failed(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failed(what)


def eq(actual, expected, what):
    if actual != expected:
        raise Failed("%s: expected %r, got %r" % (what, expected, actual))


class Scenarios:
    def __init__(self, dtm, busi, msg_deadline):
        self.dtm = dtm.rstrip("/")
        self.busi = busi
        self.msg_deadline = msg_deadline

    # --- helpers ---------------------------------------------------------------------------------------------
    def query(self, gid):
        r = requests.get(self.dtm + "/query", params={"gid": gid}, timeout=10)
        eq(r.status_code, 200, "GET /query status")
        return r.json()

    def wait_final(self, gid, deadline_s=20.0):
        """Polls /query until the transaction is succeed or failed; returns the /query reply."""
        end = time.monotonic() + deadline_s
        last = None
        while True:
            last = self.query(gid)
            t = last.get("transaction") or {}
            if t.get("status") in FINAL:
                return last
            if time.monotonic() > end:
                raise Failed("not final after %.0fs: status %r, branches %r" % (
                    deadline_s, t.get("status"),
                    [(b.get("branch_id"), b.get("op"), b.get("status")) for b in last.get("branches") or []]))
            time.sleep(0.1)

    @staticmethod
    def branches(q):
        return [(b["branch_id"], b["op"], b["status"]) for b in q.get("branches") or []]

    def seen(self, gid):
        """The business calls of gid as (route, op, branch_id)."""
        return [(c["name"], c["op"], c["branch_id"]) for c in self.busi.calls_of(gid)]

    def check_callbacks(self, gid, trans_type, payload=None, skip=()):
        """Every coordinator callback carries dtm's query string and JSON content type (and the step body)."""
        for c in self.busi.calls_of(gid):
            if c["name"] in skip:
                continue
            eq(c["trans_type"], trans_type, "trans_type of %s" % c["name"])
            check(c["branch_id"] and c["op"], "branch_id and op in the query of %s: %r" % (c["name"], c))
            if payload is not None and c["method"] == "POST":
                eq(json.loads(c["body"]), payload, "body of %s %s" % (c["name"], c["op"]))
                check(c["content_type"].startswith("application/json"),
                      "Content-Type of %s: %r" % (c["name"], c["content_type"]))

    def new_saga(self, gid, req):
        return (saga.Saga(self.dtm, gid)
                .add(req, self.busi.url("TransOut"), self.busi.url("TransOutCompensate"))
                .add(req, self.busi.url("TransIn"), self.busi.url("TransInCompensate")))

    # --- saga ------------------------------------------------------------------------------------------------
    def saga_success(self):
        gid = utils.gen_gid(self.dtm)
        eq(len(gid), 22, "length of the gid from utils.gen_gid")
        req = {"amount": 30, "scenario": "saga success"}
        self.new_saga(gid, req).submit()
        q = self.wait_final(gid)
        eq(q["transaction"]["status"], "succeed", "status")
        eq(q["transaction"]["trans_type"], "saga", "trans_type")
        eq(self.seen(gid), [("TransOut", "action", "01"), ("TransIn", "action", "02")], "busi calls")
        eq(self.branches(q), [("01", "compensate", "prepared"), ("01", "action", "succeed"),
                              ("02", "compensate", "prepared"), ("02", "action", "succeed")], "branches")
        self.check_callbacks(gid, "saga", req)
        return gid

    def saga_success_wait_result(self):
        gid = utils.gen_gid(self.dtm)
        req = {"amount": 40}
        s = self.new_saga(gid, req)
        s.trans_base.wait_result = True  # Saga has no setter; TransBase.wait_result is what the SDK sends
        s.submit()  # returns only when the coordinator answered 200 after processing
        q = self.query(gid)  # no polling needed: wait_result means it is final now
        eq(q["transaction"]["status"], "succeed", "status right after a wait_result submit")
        eq(self.seen(gid), [("TransOut", "action", "01"), ("TransIn", "action", "02")], "busi calls")
        return gid

    def saga_rollback(self):
        gid = utils.gen_gid(self.dtm)
        req = {"amount": 30, "scenario": "saga rollback"}
        self.busi.set_result(gid, "TransIn", "FAILURE")
        self.new_saga(gid, req).submit()
        q = self.wait_final(gid)
        eq(q["transaction"]["status"], "failed", "status")
        eq(self.seen(gid), [("TransOut", "action", "01"), ("TransIn", "action", "02"),
                            ("TransInCompensate", "compensate", "02"),
                            ("TransOutCompensate", "compensate", "01")], "busi calls (compensations in reverse)")
        eq(self.branches(q), [("01", "compensate", "succeed"), ("01", "action", "succeed"),
                              ("02", "compensate", "succeed"), ("02", "action", "failed")], "branches")
        self.check_callbacks(gid, "saga", req)
        return gid

    def saga_rollback_wait_result(self):
        gid = utils.gen_gid(self.dtm)
        self.busi.set_result(gid, "TransIn", "FAILURE")
        s = self.new_saga(gid, {"amount": 50})
        s.trans_base.wait_result = True
        try:
            s.submit()
            raise Failed("a wait_result submit of a saga that rolled back did not raise")
        except utils.DTMFailureError:
            pass  # dtm answers 409 FAILURE; the SDK's check_result raises DTMFailureError on 409
        q = self.query(gid)
        eq(q["transaction"]["status"], "failed", "status right after the wait_result submit")
        eq([n for n, _, _ in self.seen(gid)], ["TransOut", "TransIn", "TransInCompensate", "TransOutCompensate"],
           "busi calls")
        return gid

    # --- tcc -------------------------------------------------------------------------------------------------
    def tcc_branches(self, t, req, out="TransOut", inn="TransIn"):
        t.call_branch(req, self.busi.url(out + "Try"), self.busi.url(out + "Confirm"), self.busi.url(out + "Cancel"))
        t.call_branch(req, self.busi.url(inn + "Try"), self.busi.url(inn + "Confirm"), self.busi.url(inn + "Cancel"))

    def tcc_success(self):
        gid = utils.gen_gid(self.dtm)
        req = {"amount": 30, "scenario": "tcc success"}
        ret = tcc.tcc_global_transaction(self.dtm, gid, lambda t: self.tcc_branches(t, req))
        eq(ret, gid, "tcc_global_transaction's return (the gid on success, '' after an abort)")
        q = self.wait_final(gid)
        eq(q["transaction"]["status"], "succeed", "status")
        eq(self.seen(gid), [("TransOutTry", "try", "01"), ("TransInTry", "try", "02"),
                            ("TransInConfirm", "confirm", "02"), ("TransOutConfirm", "confirm", "01")],
           "busi calls (tries by the SDK, confirms last to first)")
        eq(self.branches(q), [("01", "cancel", "prepared"), ("01", "confirm", "succeed"),
                              ("02", "cancel", "prepared"), ("02", "confirm", "succeed")], "branches")
        self.check_callbacks(gid, "tcc", req)
        return gid

    def tcc_rollback(self):
        gid = utils.gen_gid(self.dtm)
        req = {"amount": 30, "scenario": "tcc rollback"}
        self.busi.set_result(gid, "TransInTry", "FAILURE")
        ret = tcc.tcc_global_transaction(self.dtm, gid, lambda t: self.tcc_branches(t, req))
        eq(ret, "", "tcc_global_transaction's return after the failed try (it aborts)")
        q = self.wait_final(gid)
        eq(q["transaction"]["status"], "failed", "status")
        eq(self.seen(gid), [("TransOutTry", "try", "01"), ("TransInTry", "try", "02"),
                            ("TransInCancel", "cancel", "02"), ("TransOutCancel", "cancel", "01")],
           "busi calls (cancels last to first)")
        eq(self.branches(q), [("01", "cancel", "succeed"), ("01", "confirm", "prepared"),
                              ("02", "cancel", "succeed"), ("02", "confirm", "prepared")], "branches")
        self.check_callbacks(gid, "tcc", req)
        return gid

    # --- msg -------------------------------------------------------------------------------------------------
    def new_msg(self, gid, req):
        return (msg.Msg(self.dtm, gid)
                .add(req, self.busi.url("TransOut"))
                .add(req, self.busi.url("TransIn")))

    def msg_success(self):
        gid = utils.gen_gid(self.dtm)
        req = {"amount": 30, "scenario": "msg success"}
        m = self.new_msg(gid, req)
        m.prepare(self.busi.url("QueryPrepared"))
        eq(self.query(gid)["transaction"]["status"], "prepared", "status after prepare")
        m.submit()
        q = self.wait_final(gid)
        eq(q["transaction"]["status"], "succeed", "status")
        eq(self.seen(gid), [("TransOut", "action", "01"), ("TransIn", "action", "02")],
           "busi calls (no back-check)")
        eq(self.branches(q), [("01", "action", "succeed"), ("02", "action", "succeed")], "branches")
        self.check_callbacks(gid, "msg", req)
        return gid

    def msg_wait_result(self):
        gid = utils.gen_gid(self.dtm)
        m = self.new_msg(gid, {"amount": 31}).set_wait_result()
        m.prepare(self.busi.url("QueryPrepared"))
        m.submit()
        eq(self.query(gid)["transaction"]["status"], "succeed", "status right after a wait_result submit")
        eq([n for n, _, _ in self.seen(gid)], ["TransOut", "TransIn"], "busi calls")
        return gid

    def msg_crash_backcheck_success(self):
        gid = utils.gen_gid(self.dtm)
        req = {"amount": 30, "scenario": "msg crash"}
        self.new_msg(gid, req).prepare(self.busi.url("QueryPrepared"))
        # the initiator "crashes" here: no submit. The coordinator's poller asks QueryPrepared once it times out.
        q = self.wait_final(gid, self.msg_deadline)
        eq(q["transaction"]["status"], "succeed", "status")
        calls = self.busi.calls_of(gid)
        check(calls and calls[0]["name"] == "QueryPrepared", "the back-check comes first: %r" % self.seen(gid))
        eq((calls[0]["method"], calls[0]["op"], calls[0]["branch_id"], calls[0]["trans_type"]),
           ("GET", "msg", "00", "msg"), "back-check method, op, branch_id, trans_type")
        eq([c for c in self.seen(gid) if c[0] != "QueryPrepared"],
           [("TransOut", "action", "01"), ("TransIn", "action", "02")], "steps after the back-check")
        self.check_callbacks(gid, "msg", req, skip=("QueryPrepared",))
        return gid

    def msg_crash_backcheck_failure(self):
        gid = utils.gen_gid(self.dtm)
        self.busi.set_result(gid, "QueryPrepared", "FAILURE")
        self.new_msg(gid, {"amount": 30}).prepare(self.busi.url("QueryPrepared"))
        q = self.wait_final(gid, self.msg_deadline)
        eq(q["transaction"]["status"], "failed", "status")
        check(self.seen(gid) and all(n == "QueryPrepared" for n, _, _ in self.seen(gid)),
              "only the back-check is called: %r" % self.seen(gid))
        eq(self.branches(q), [("01", "action", "prepared"), ("02", "action", "prepared")], "branches")
        return gid

    def msg_do_and_submit(self):
        gid = utils.gen_gid(self.dtm)
        ran = []
        self.new_msg(gid, {"amount": 30}).do_and_submit(self.busi.url("QueryPrepared"), lambda bb: ran.append(bb.op))
        eq(ran, ["msg"], "the local business ran once with the msg barrier")
        q = self.wait_final(gid)
        eq(q["transaction"]["status"], "succeed", "status")
        eq([n for n, _, _ in self.seen(gid)], ["TransOut", "TransIn"], "busi calls")
        return gid

    def msg_do_and_submit_busi_failure(self):
        gid = utils.gen_gid(self.dtm)

        def busi_call(bb):
            raise utils.DTMFailureError("local business refused")

        try:
            self.new_msg(gid, {"amount": 30}).do_and_submit(self.busi.url("QueryPrepared"), busi_call)
            raise Failed("do_and_submit did not re-raise the business failure")
        except utils.DTMFailureError:
            pass  # the SDK aborted the prepared msg (POST /abort with the whole msg body), then re-raised
        q = self.query(gid)  # abort of a prepared msg is final at once
        eq(q["transaction"]["status"], "failed", "status after the SDK's abort")
        eq(self.seen(gid), [], "busi calls")
        return gid

    # --- barrier (dtmcli.barrier on MariaDB) ------------------------------------------------------------------
    def tcc_barrier_rollback(self):
        gid = utils.gen_gid(self.dtm)
        req = {"amount": 30, "scenario": "tcc barrier"}
        self.busi.set_result(gid, "BTransInTry", "FAILURE")
        ret = tcc.tcc_global_transaction(self.dtm, gid, lambda t: self.tcc_branches(t, req, "BTransOut", "BTransIn"))
        eq(ret, "", "tcc_global_transaction's return after the failed try")
        q = self.wait_final(gid)
        eq(q["transaction"]["status"], "failed", "status")
        eq(self.seen(gid), [("BTransOutTry", "try", "01"), ("BTransInTry", "try", "02"),
                            ("BTransInCancel", "cancel", "02"), ("BTransOutCancel", "cancel", "01")], "busi calls")
        # TransIn's try was rolled back with its barrier row, so its cancel is a null compensation
        eq(self.busi.executed_of(gid), [("BTransOutTry", "try"), ("BTransInTry", "try"),
                                        ("BTransOutCancel", "cancel")], "business code run under the barrier")
        # a repeated cancel (as a retry would send) is answered 200 without running the business again
        r = requests.post(self.busi.url("BTransOutCancel"), data=json.dumps(req),
                          params={"gid": gid, "trans_type": "tcc", "branch_id": "01", "op": "cancel"}, timeout=10)
        eq(r.status_code, 200, "a repeated cancel")
        eq(len(self.busi.executed_of(gid)), 3, "business runs after a repeated cancel")
        return gid

    def msg_barrier_backcheck(self):
        gid = utils.gen_gid(self.dtm)
        # prepared, then the initiator dies before its local transaction committed: the back-check wins the barrier
        self.new_msg(gid, {"amount": 30}).prepare(self.busi.url("BQueryPrepared"))
        q = self.wait_final(gid, self.msg_deadline)
        eq(q["transaction"]["status"], "failed", "status")
        check(all(n == "BQueryPrepared" for n, _, _ in self.seen(gid)) and self.seen(gid),
              "only the back-check: %r" % self.seen(gid))
        return gid

    def msg_barrier_do_and_submit_db(self):
        gid = utils.gen_gid(self.dtm)
        conn = self.busi.connect()
        ran = []
        try:
            self.new_msg(gid, {"amount": 30}).do_and_submit_db(
                self.busi.url("BQueryPrepared"), conn.cursor(), lambda cur: ran.append(cur.execute("select 1")))
        finally:
            conn.close()
        eq(ran, [1], "the local business ran inside the barrier")
        q = self.wait_final(gid)
        eq(q["transaction"]["status"], "succeed", "status")
        eq([n for n, _, _ in self.seen(gid)], ["TransOut", "TransIn"], "busi calls")
        # a late back-check finds the committed barrier row: SUCCESS
        r = requests.get(self.busi.url("BQueryPrepared"),
                         params={"gid": gid, "trans_type": "msg", "branch_id": "00", "op": "msg"}, timeout=10)
        eq(r.status_code, 200, "a back-check after the commit")
        return gid


def run(args):
    mysql = None
    if args.mysql:
        parts = args.mysql.split(":", 3)
        if len(parts) != 4:
            print("--mysql must be HOST:PORT:USER:PASSWORD", file=OUT)
            return 2
        mysql = tuple(parts)
    busi = Busi(mysql)
    s = Scenarios(args.dtm, busi, args.msg_deadline)

    r = requests.get(s.dtm.rsplit("/dtmsvr", 1)[0] + "/ping", timeout=10)
    if r.status_code != 200:
        print("coordinator at %s does not answer /api/ping: %d" % (s.dtm, r.status_code), file=OUT)
        return 2

    plan = [
        ("saga success", s.saga_success),
        ("saga success, wait_result", s.saga_success_wait_result),
        ("saga rollback", s.saga_rollback),
        ("saga rollback, wait_result", s.saga_rollback_wait_result),
        ("tcc success", s.tcc_success),
        ("tcc rollback", s.tcc_rollback),
        ("msg success", s.msg_success),
        ("msg success, wait_result", s.msg_wait_result),
        ("msg do_and_submit", s.msg_do_and_submit),
        ("msg do_and_submit, business failure -> abort", s.msg_do_and_submit_busi_failure),
        ("msg initiator crashed, back-check SUCCESS", s.msg_crash_backcheck_success),
        ("msg initiator crashed, back-check FAILURE", s.msg_crash_backcheck_failure),
    ]
    if mysql:
        import pymysql
        conn = pymysql.connect(host=mysql[0], port=int(mysql[1]), user=mysql[2], password=mysql[3])
        try:
            with conn.cursor() as cur:
                for ddl in BARRIER_DDL:
                    cur.execute(ddl)
            conn.commit()
        finally:
            conn.close()
        plan += [
            ("barrier: tcc rollback, null cancel, repeated cancel", s.tcc_barrier_rollback),
            ("barrier: msg do_and_submit_db", s.msg_barrier_do_and_submit_db),
            ("barrier: msg initiator crashed, back-check FAILURE", s.msg_barrier_backcheck),
        ]
    else:
        print("note: dtmcli.barrier scenarios not run (no --mysql / DTM_PY_MYSQL)", file=OUT)

    passed = failed = 0
    for name, fn in plan:
        sdk_out = io.StringIO()
        if not args.verbose:
            sys.stdout = sys.stderr = sdk_out  # the SDK prints SQL and tracebacks: keep them for failures only
        start = time.monotonic()
        try:
            gid = fn()
            ok, detail = True, "gid %s" % gid
        except Exception as e:  # noqa: BLE001 - every error fails the scenario
            ok = False
            detail = str(e) if isinstance(e, Failed) else "%s\n%s" % (repr(e), traceback.format_exc())
        finally:
            sys.stdout, sys.stderr = OUT, sys.__stderr__
        took = time.monotonic() - start
        if ok:
            passed += 1
            print("PASS %-50s %5.1fs  %s" % (name, took, detail), file=OUT)
        else:
            failed += 1
            print("FAIL %-50s %5.1fs  %s" % (name, took, detail), file=OUT)
            if sdk_out.getvalue():
                print("     SDK output:\n" + "\n".join("       " + l for l in sdk_out.getvalue().splitlines()),
                      file=OUT)
        OUT.flush()
    busi.close()
    print("%d passed, %d failed" % (passed, failed), file=OUT)
    return 1 if failed else 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dtm", default=os.environ.get("DTM_URL", "http://127.0.0.1:36789/api/dtmsvr"))
    p.add_argument("--mysql", default=os.environ.get("DTM_PY_MYSQL", ""))
    p.add_argument("--msg-deadline", type=float, default=float(os.environ.get("DTM_PY_MSG_DEADLINE", "40")))
    p.add_argument("-v", "--verbose", action="store_true", help="let the SDK print to the console")
    sys.exit(run(p.parse_args()))


if __name__ == "__main__":
    main()
