from ninja import Router

router = Router(tags=["Thi đua"])
