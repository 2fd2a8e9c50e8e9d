-- Label the snapshot this transaction will become (shown by backend.history).
call lake.set_commit_message($who, $message)
