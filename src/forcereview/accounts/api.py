from ninja import Router, Schema

from forcereview.accounts.rules import api_all_signed_in

router = Router(tags=["Accounts"])


class MeOut(Schema):
    username: str
    role: str
    agency: str | None
    officer_badge: str | None


@router.get("/me", response=MeOut, auth=api_all_signed_in(), summary="Who the request is authenticated as")
def me(request):
    user = request.user
    return {
        "username": user.username,
        "role": user.role,
        "agency": user.agency.slug if user.agency_id else None,
        "officer_badge": user.officer.badge_number if user.officer_id else None,
    }
