-- SpeedTrade clustered rebalance scheduler, version 3: db-scheduler's task table under a name of our
-- own (so that it does not collide with a host's own db-scheduler table). Portable SQL: H2 2.x and
-- PostgreSQL 15. One row per (user, mode, market date) rebalance, plus one for the recurring task
-- that schedules them.

CREATE TABLE speedtrade_scheduled_tasks (
  task_name            VARCHAR(100)             NOT NULL,
  task_instance        VARCHAR(300)             NOT NULL,
  task_data            BYTEA,
  execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
  picked               BOOLEAN                  NOT NULL,
  picked_by            VARCHAR(50),
  last_success         TIMESTAMP WITH TIME ZONE,
  last_failure         TIMESTAMP WITH TIME ZONE,
  consecutive_failures INTEGER,
  last_heartbeat       TIMESTAMP WITH TIME ZONE,
  version              BIGINT                   NOT NULL,
  priority             SMALLINT,
  CONSTRAINT speedtrade_scheduled_tasks_pk PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX speedtrade_scheduled_tasks_execution_time ON speedtrade_scheduled_tasks (execution_time);
CREATE INDEX speedtrade_scheduled_tasks_last_heartbeat ON speedtrade_scheduled_tasks (last_heartbeat);
